// A tiny DOM builder (text is always set as text, never parsed as HTML) and the shared dialogs and notices.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled progress bar (0..1, or null for "in progress, amount unknown"). */
export function bar(fraction, label) {
  const p = h('progress', { max: '1', 'aria-label': label });
  if (fraction !== null && fraction !== undefined) p.value = Math.max(0, Math.min(1, fraction));
  return p;
}

/** A short message that goes away by itself; errors stay until dismissed. */
export function notify(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const close = h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss' }, '×');
  const t = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', {}, message), close);
  close.addEventListener('click', () => t.remove());
  box.append(t);
  if (kind !== 'error') setTimeout(() => t.remove(), 5000);
}

/**
 * Asks for confirmation in a modal dialog. With `typed`, the user must type that text (e.g. a bucket name) first.
 * Resolves true on confirm, false on cancel or Escape.
 */
export function confirmDialog({ title, message, action = 'Confirm', typed }) {
  return new Promise((resolve) => {
    const input = typed ? h('input', { id: 'confirm-typed', autocomplete: 'off', spellcheck: 'false' }) : null;
    const ok = h('button', { type: 'submit', class: 'danger', id: 'confirm-ok', disabled: !!typed }, action);
    const cancel = h('button', { type: 'button', id: 'confirm-cancel' }, 'Cancel');
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', {}, message),
      typed ? h('label', { for: 'confirm-typed' }, `Type ${typed} to confirm`) : null,
      input,
      h('div', { class: 'buttons' }, cancel, ok));
    const d = h('dialog', { 'aria-labelledby': 'confirm-title', class: 'confirm' }, form);
    if (input) input.addEventListener('input', () => { ok.disabled = input.value !== typed; });
    let result = false;
    form.addEventListener('submit', () => { result = !typed || input.value === typed; });
    cancel.addEventListener('click', () => d.close());
    d.addEventListener('close', () => {
      d.remove();
      resolve(result);
    });
    document.body.append(d);
    d.showModal();
    (input || ok).focus();
  });
}

/** Runs `fn` every `ms` while the page is shown (and once at once); returns a stop function. */
export function every(ms, fn) {
  let stopped = false;
  let timer;
  const tick = async () => {
    if (stopped) return;
    try {
      await fn();
    } finally {
      if (!stopped) timer = setTimeout(tick, ms);
    }
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
