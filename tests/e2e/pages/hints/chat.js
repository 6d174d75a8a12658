// The fixture chat: Enter or Send posts the message and clears the box by script, which fires no input event.
const box = document.getElementById('message');
const send = () => {
  if (box.value.trim() === '') return;
  const item = document.createElement('li');
  item.textContent = box.value;
  document.getElementById('log').append(item);
  box.value = '';
};
box.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') send();
});
document.getElementById('send').addEventListener('click', send);
