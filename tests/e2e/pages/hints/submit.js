// The fixture's own submit handling, like a single-page app's: it records that the form was submitted.
document.getElementById('profile').addEventListener('submit', (event) => {
  event.preventDefault();
  document.body.dataset.submitted = String(Number(document.body.dataset.submitted || 0) + 1);
});
