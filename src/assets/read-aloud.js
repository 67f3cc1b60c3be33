/* global window, document, SpeechSynthesisUtterance */
// Two small helps on the survey pages, added only where the browser can do them (progressive
// enhancement: without this script every page still works, the buttons simply stay hidden).
//  - Read aloud: reads the question and its answers with the browser's own speech synthesis.
//    Nothing leaves the device.
//  - Print: prints the receipt page.
// Both buttons are in the HTML inside a wrapper with the `hidden` attribute; this script reveals them.

const reader = document.querySelector('[data-chorus-read-aloud]');
const source = document.querySelector('[data-chorus-read-source]');

if (reader && source && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function') {
  const button = reader.querySelector('button');
  const label = button.textContent;
  const stopLabel = reader.getAttribute('data-stop-label') || label;

  // The words a sighted reader sees, in page order, each once: headings, labels, hints, errors.
  const words = () => {
    const parts = [];
    for (const el of source.querySelectorAll('h1, legend, label, .govuk-hint, .govuk-error-message')) {
      if (parts.some((p) => p.contains(el)) || el.closest('[hidden]')) continue;
      parts.push(el);
    }
    return parts.map((el) => el.innerText.trim()).filter(Boolean).join('. ');
  };

  const reset = () => {
    button.textContent = label;
    button.setAttribute('aria-pressed', 'false');
  };

  button.addEventListener('click', () => {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      reset();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(words());
    utterance.lang = document.documentElement.lang === 'cy' ? 'cy-GB' : 'en-GB';
    utterance.rate = 0.9;
    utterance.addEventListener('end', reset);
    utterance.addEventListener('error', reset);
    button.textContent = stopLabel;
    button.setAttribute('aria-pressed', 'true');
    window.speechSynthesis.speak(utterance);
  });
  reset();
  reader.hidden = false;
}

const printer = document.querySelector('[data-chorus-print]');
if (printer && typeof window.print === 'function') {
  printer.querySelector('button').addEventListener('click', () => window.print());
  printer.hidden = false;
}
