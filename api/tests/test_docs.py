"""The schema (/api/schema/) and its documentation (/api/docs/): generated without a warning,
Swagger UI from the static files (no CDN), its start-up script a file of its own (the CSP allows no
inline script)."""
from django.core.management import call_command
from django.urls import reverse


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    text = (tmp_path / "schema.yaml").read_text()
    for path in ("/api/areas/", "/api/organizations/", "/api/members/", "/api/terms/", "/api/dues/ledgers/",
                 "/api/indicators/"):
        assert f"  {path}:" in text
    assert "tokenAuth" in text and "/api/tokens/" not in text
    assert "post:" not in text and "delete:" not in text


def test_the_schema_needs_an_account(client, client_for, world):
    assert client.get(reverse("api:schema")).status_code == 401
    assert client_for(world.alice).get(reverse("api:schema")).status_code == 200


def test_the_docs_page_uses_vendored_assets_and_no_inline_script(client, client_for, world):
    assert client.get(reverse("api:docs")).status_code == 302  # to the login page
    response = client_for(world.sam).get(reverse("api:docs"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in body
    assert "http://" not in body and "https://" not in body
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = body.split("<script")[1:]
    assert scripts and all(" src=" in s.split(">")[0] for s in scripts)  # every script is a file
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()
