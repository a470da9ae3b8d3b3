"""No Chinese text reaches a user without passing through gettext (issue 18, item 7): every string
literal with CJK characters in the application's Python source is a gettext argument, or one of
the kinds listed below that are not interface text (each with the reason). A new literal fails
the test, printing its file and line, until it is wrapped or listed."""
import ast
import re
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff]")
GETTEXT = {"_", "_lazy", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext",
           "pgettext_lazy", "npgettext", "npgettext_lazy"}
NOT_SOURCE = ["*/migrations/*", "*/tests/*", "tests/*", "bench/*", "scripts/*", ".venv/*", "*/demo.py",
              "ali_party/demo.py", "conftest.py", "ali_party/settings/*", "*/management/commands/*"]
NOT_INTERFACE = {
    # Operators' messages at start-up and on the command line (Chinese, like the deployment guide).
    "ali_party/checks.py": None,
    # Values, not labels: the ethnicity choices' stored values (their labels are gettext), the
    # names of the areas, the words a spreadsheet cell may hold.
    "cadres/ethnicity.py": None, "branches/tree_data.py": None, "dataexchange/cells.py": None,
    # Seeded catalogue names: shown through gettext of the stored name (ali_party/catalogue.py).
    "activities/kinds.py": None, "funding/catalogues.py": None,
    # The import files' column headings (the importer matches them), and the indicators' Chinese
    # names and parts, declared beside their English names (shown by language, parts through
    # gettext at display: indicators.selectors.snapshot_rows).
    "*/exchange.py": None, "*/indicators.py": None, "ali_party/stock.py": None,
    # The year-end report is a Chinese official document (its fonts and numbering).
    "indicators/reports.py": None,
    # The official documents' font names (GB/T 9704), shared by that report and development's 登记表.
    "ali_party/word.py": None,
    # A list table's cell templates (django-tables2 TemplateColumn): their text is in {% translate %}.
    "*/tables.py": None,
    # Application names, shown in /django-admin/ only.
    "*/apps.py": None,
    # The import template workbook (its sheets and instructions are the file's, in Chinese like its
    # headings) and the download file names.
    "dataexchange/services.py": {"选项", "填表说明", "系统", "联系电话", "不是可选项", "请从下拉列表中选择", "是", "否",
                                 "导入模板", "1. 第1行为列标题，请勿修改或删除；带 * 的列必须填写。",
                                 "2. 第2行为示例（灰色斜体），可直接覆盖；若保留不改，导入时会自动跳过。",
                                 "3. 有下拉箭头的列请从列表中选择；日期可写 2022-03-05、2022/3/5、2022.3.5 或 2022年3月5日。",
                                 "4. 身份证号码列已设为文本格式，请勿改成数字（否则末几位会丢失）。",
                                 "5. 不要合并单元格；每行一条记录。单个文件最多 %d 行。",
                                 "6. 上传后系统先逐行校验并显示预览，确认后才一次性全部导入；有任何错误则一条也不导入。",
                                 "7. 再次导入同一条记录（按唯一标识识别）时会更新该记录，不会重复登记。"},
    "dataexchange/views.py": {"导入模板.xlsx", "导出", "行）", "（后台任务%d）"},
    "indicators/views.py": {"年度", "报告", "指标"},
    # The whole-row marker of an import error (translated where shown, dataexchange/job_detail.html).
    "dataexchange/importer.py": {"整行", "是", "否", "系统编号", "问题"},  # and the round trip's two column headings
    # Words a post's name is matched against, not shown.
    "cadres/selectors.py": {"书记", "副书记", "第一书记"},
    # Parts of the security events' texts (below) and the name the purge records itself under.
    "accounts/services.py": {"，原未使用的验证码作废", "，取代原待批准的申请", "角色", "一次性验证码", "，有效期至",
                             "（系统）", "审计记录保留期不能少于", "天（AUDIT_RETENTION_DAYS="},
    "accounts/otp.py": {"默认验证器"}, "accounts/tasks.py": {"定时任务"},
}
# A security event's `target=` text is recorded once, in the system's language, and kept as
# written: the audit trail is append-only evidence (accounts.AccessEvent).
RECORDED_KEYWORDS = {"target"}


def untranslated(path: Path, allowed, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {node.body[0].value for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)):
            continue
        if node in docstrings or isinstance(parents.get(node), ast.Expr) or (allowed and node.value in allowed):
            continue
        up, excused = parents.get(node), False
        while up is not None and not isinstance(up, ast.stmt):
            if isinstance(up, ast.Call) and getattr(up.func, "id", getattr(up.func, "attr", None)) in GETTEXT:
                excused = True
            if isinstance(up, ast.keyword) and up.arg in RECORDED_KEYWORDS:
                excused = True
            up = parents.get(up)
        if not excused:
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_every_chinese_literal_of_the_application_goes_through_gettext():
    problems, files = [], 0
    for path in sorted(ROOT.rglob("*.py")):
        name = str(path.relative_to(ROOT))
        if any(fnmatch(name, pattern) for pattern in NOT_SOURCE):
            continue
        allowed = next((value for pattern, value in NOT_INTERFACE.items() if fnmatch(name, pattern)), set())
        if allowed is None:
            continue
        files += 1
        problems += untranslated(path, allowed)
    assert files > 100
    assert not problems, f"{len(problems)} Chinese literals outside gettext:\n" + "\n".join(problems)


def test_it_finds_a_chinese_literal_outside_gettext(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""文档。"""\nfrom django.utils.translation import gettext as _\n\nA = _("好")\nB = "坏"\n'
                      'record(target="记下")\nC = _("甲" if A else "乙")\n', encoding="utf-8")
    assert untranslated(module, set(), root=tmp_path) == ["m.py:5: '坏'"]
    assert untranslated(module, {"坏"}, root=tmp_path) == []
