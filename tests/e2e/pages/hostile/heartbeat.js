// Proof that a hostile test page keeps working while LureWatch runs in it: a counter that ticks every 100 ms and a
// button that counts clicks. Loaded by every page of this folder before any of its own (possibly hostile) script,
// so it holds native functions even on the page that patches the DOM afterwards. Also counts the page's own errors.
(function () {
  var ticks = 0;
  var pokes = 0;
  var box = document.createElement('p');
  box.id = 'heartbeat';
  var tickText = document.createElement('span');
  tickText.id = 'ticks';
  tickText.textContent = '0';
  var button = document.createElement('button');
  button.id = 'poke';
  button.type = 'button';
  button.textContent = 'poke';
  var pokeText = document.createElement('span');
  pokeText.id = 'pokes';
  pokeText.textContent = '0';
  box.append('ticks ', tickText, ' ', button, ' pokes ', pokeText);
  // Pinned to a corner (away from the banner at the top): on pages whose content keeps growing and shrinking, a
  // button in the flow would move between the test measuring where it is and clicking there.
  box.style.cssText = 'position: fixed; left: 8px; bottom: 8px; z-index: 1; margin: 0; padding: 4px 8px; background: #fff;';
  button.addEventListener('click', function () {
    pokes++;
    pokeText.textContent = String(pokes);
  });
  (document.body || document.documentElement).append(box);
  setInterval(function () {
    ticks++;
    tickText.textContent = String(ticks);
  }, 100);
  window.__pageErrors = 0;
  window.addEventListener('error', function () {
    window.__pageErrors++;
  });
})();
