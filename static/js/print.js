// The 打印 buttons (`data-print`): window.print() from a file, because the CSP refuses inline
// scripts. The print stylesheet (css/print.css) leaves out the navigation, buttons and forms.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
