/* hearth.js: small enhancements only; every page works without it (CSP: no inline script).
 * Confirm before a discharge or another irreversible step, avoid double submits, and put the
 * keyboard focus on the first field with an error. */
(function () {
  'use strict';

  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (!(f instanceof HTMLFormElement)) return;
    var msg = f.getAttribute('data-confirm');
    if (!msg && f.hasAttribute('data-confirm-discharge')) {
      var s = f.querySelector('select[name="status"]');
      if (s && s.value === 'discharged') msg = f.getAttribute('data-confirm-discharge');
    }
    if (msg && !window.confirm(msg)) {
      e.preventDefault();
      return;
    }
    if ((f.getAttribute('method') || '').toLowerCase() === 'post') {
      if (f.getAttribute('data-sent')) {
        e.preventDefault();
        return;
      }
      f.setAttribute('data-sent', '1');
      window.setTimeout(function () { f.removeAttribute('data-sent'); }, 4000);
    }
  });

  function focusFirstError() {
    var bad = document.querySelector('[aria-invalid="true"], .has-error input, .has-error select, .has-error textarea');
    if (bad) {
      var d = bad.closest('details');
      if (d) d.open = true;
      bad.focus();
      return;
    }
    var alert = document.querySelector('.alert, #duplicates');
    if (alert) {
      alert.setAttribute('tabindex', '-1');
      alert.focus();
    }
  }

  // Print buttons (hidden without JavaScript: the browser's own print works the same).
  function printButtons() {
    var list = document.querySelectorAll('button[data-print]');
    for (var i = 0; i < list.length; i++) {
      list[i].hidden = false;
      list[i].addEventListener('click', function () { window.print(); });
    }
  }

  function ready() {
    printButtons();
    focusFirstError();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
