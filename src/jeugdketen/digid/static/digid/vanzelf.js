// Continue to DigiD by itself: submit the marked form or follow the marked link. Without
// JavaScript the page shows the same button or link to do it by hand.
document.addEventListener("DOMContentLoaded", function () {
  var next = document.querySelector("[data-jk-vanzelf]");
  if (!next) return;
  if (next.tagName === "FORM") next.submit();
  else window.location.assign(next.getAttribute("href"));
});
