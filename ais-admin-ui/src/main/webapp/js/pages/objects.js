// Object browser: one "directory" level at a time (prefix navigation), paged; multi-file upload with progress per
// file; download; multi-select delete; properties (from HEAD: size, checksum, version, atime, custom metadata,
// copies, EC, owning target and mountpath).
import { api, download, objectPath, upload } from '../api.js';
import { BITS } from '../permissions.js';
import { permissions, refresh as refreshPermissions, token } from '../session.js';
import { bar, clear, confirmDialog, h, notify } from '../dom.js';
import { bytes, time } from '../format.js';

const PAGE = 100;
const IS_DIR = 1 << 8;

function hash(bucket, prefix) {
  return `#/objects/${encodeURIComponent(bucket)}${prefix ? `?prefix=${encodeURIComponent(prefix)}` : ''}`;
}

function crumbs(bucket, prefix) {
  const parts = prefix.split('/').filter(Boolean);
  const out = [h('a', { href: '#/buckets' }, 'Buckets'), ' / ', h('a', { href: hash(bucket, '') }, bucket)];
  let acc = '';
  for (const p of parts) {
    acc += `${p}/`;
    out.push(' / ', h('a', { href: hash(bucket, acc) }, p));
  }
  return h('nav', { class: 'crumbs', 'aria-label': 'Location' }, out);
}

/** A download link: a plain link when auth is off; with a token, the object is fetched with it (links carry none). */
function saveLink(bucket, name, attrs, label) {
  const filename = name.split('/').pop();
  return h('a', { ...attrs, href: objectPath(bucket, name), download: filename, onclick: (e) => {
    if (!token()) return;
    e.preventDefault();
    download(bucket, name, filename).catch((err) => notify(`Cannot download ${name}: ${err.message}`, 'error'));
  } }, label);
}

async function showProps(panel, bucket, name) {
  panel.hidden = false;
  clear(panel, h('h2', { id: 'props-h' }, name), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const r = await api.headObject(bucket, name);
    const g = (k) => r.headers.get(k) || '';
    const rows = [
      ['Size', `${bytes(g('Content-Length'))} (${g('Content-Length')} bytes)`],
      ['Checksum', `${g('Ais-Checksum-Type')} ${g('Ais-Checksum-Value')}`],
      ['Version', g('Ais-Version')],
      ['Accessed', time(g('Ais-Atime'))],
      ['Custom metadata', g('Ais-Custom-Md') || 'none'],
      ['Copies', `${g('Ais-Mirror-Copies') || '1'} ${g('Ais-Mirror-Paths')}`],
      ['Erasure coding', g('Ais-Ec-Data') ? `${g('Ais-Ec-Data')}+${g('Ais-Ec-Parity')}${g('Ais-Ec-Replicated') === 'true'
        ? ' (replicated)' : ''}` : 'no'],
      ['Location (target:mountpath)', g('Ais-Location')],
    ];
    clear(panel, h('h2', { id: 'props-h' }, name),
      h('dl', { class: 'kv', id: 'props' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('div', { class: 'buttons' },
        saveLink(bucket, name, { class: 'button' }, 'Download'),
        h('button', { type: 'button', onclick: () => { panel.hidden = true; } }, 'Close')));
  } catch (e) {
    clear(panel, h('h2', {}, name), h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

export function render(main, { arg, query }) {
  const bucket = arg;
  const prefix = query.get('prefix') || '';
  const tokens = [''];
  let page = 0;
  const listing = h('div', { class: 'scroll', id: 'object-list' });
  const pager = h('div', { class: 'toolbar' });
  const props = h('section', { class: 'card', id: 'props-panel', hidden: true, 'aria-labelledby': 'props-h' });
  const uploads = h('ul', { class: 'uploads', id: 'uploads', 'aria-label': 'Uploads' });
  const error = h('p', { class: 'error', role: 'alert' });
  const files = h('input', { type: 'file', id: 'upload-files', multiple: true });
  const del = h('button', { type: 'button', class: 'danger', id: 'delete-selected', disabled: true }, 'Delete selected');
  clear(main, h('h1', {}, `ais://${bucket}`), crumbs(bucket, prefix), error,
    h('div', { class: 'card' },
      h('div', { class: 'toolbar' },
        h('label', { for: 'upload-files' }, `Upload files to ${prefix || 'the bucket root'}`), files,
        del, h('button', { type: 'button', onclick: () => load() }, 'Refresh')),
      uploads),
    listing, pager, props);

  const selected = () => [...listing.querySelectorAll('input[type=checkbox][data-name]:checked')]
    .map((c) => c.dataset.name);
  listing.addEventListener('change', () => { del.disabled = selected().length === 0; });

  const uploadBar = files.parentElement;
  async function load() {
    try {
      const [r] = await Promise.all([api.listObjects(bucket, prefix, tokens[page], PAGE), refreshPermissions()]);
      const may = permissions();
      // the node refuses these anyway; the console does not offer them
      for (const el of [uploadBar.querySelector('label'), files]) el.hidden = !may.bucket(bucket, BITS.PUT);
      del.hidden = !may.bucket(bucket, BITS.DELETE_OBJECT);
      error.textContent = '';
      const entries = r.entries || [];
      if (r.continuation_token) tokens[page + 1] = r.continuation_token;
      else tokens.length = page + 1;
      clear(listing, entries.length === 0 ? h('p', { class: 'muted' }, 'Nothing here.') : h('table', {},
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, h('span', { class: 'muted' }, 'Select')),
          ['Name', 'Size', 'Version', 'Accessed', ''].map((c, i) => h('th', {
            scope: 'col', class: i === 1 ? 'num' : i === 2 || i === 3 ? 'optional' : undefined,
          }, c)))),
        h('tbody', {}, entries.map((e) => {
          const short = e.name.slice(prefix.length);
          if ((e.flags || 0) & IS_DIR) {
            return h('tr', { dataset: { dir: e.name } }, h('td', {}),
              h('td', {}, h('a', { href: hash(bucket, e.name.endsWith('/') ? e.name : `${e.name}/`) }, `📁 ${short}`)),
              h('td', {}), h('td', { class: 'optional' }), h('td', { class: 'optional' }), h('td', {}));
          }
          return h('tr', { dataset: { object: e.name } },
            h('td', {}, h('input', { type: 'checkbox', dataset: { name: e.name }, 'aria-label': `Select ${e.name}` })),
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showProps(props, bucket, e.name),
              'aria-label': `Properties of ${e.name}` }, short)),
            h('td', { class: 'num' }, bytes(e.size)),
            h('td', { class: 'optional' }, e.version || ''),
            h('td', { class: 'optional' }, e.atime || ''),
            h('td', {}, saveLink(bucket, e.name, { 'aria-label': `Download ${e.name}` }, 'Download')));
        }))));
      del.disabled = true;
      clear(pager,
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page--; load(); } }, 'Previous page'),
        h('span', { class: 'muted' }, `Page ${page + 1}`),
        h('button', { type: 'button', disabled: !tokens[page + 1], onclick: () => { page++; load(); } }, 'Next page'));
    } catch (e) {
      error.textContent = `Cannot list ais://${bucket}: ${e.message}`;
      clear(listing);
    }
  }

  files.addEventListener('change', async () => {
    const chosen = [...files.files];
    files.value = '';
    await Promise.all(chosen.map(async (file) => {
      const p = bar(0, `Upload of ${file.name}`);
      const state = h('span', { class: 'muted' }, 'uploading');
      const li = h('li', { dataset: { upload: file.name } }, h('div', {}, `${file.name} (${bytes(file.size)}) `, state), p);
      uploads.append(li);
      try {
        await upload(bucket, prefix + file.name, file, (f) => { p.value = f; });
        state.textContent = 'done';
        li.dataset.state = 'done';
      } catch (e) {
        state.textContent = `failed: ${e.message}`;
        state.className = 'error';
        li.dataset.state = 'failed';
      }
    }));
    await load();
  });

  del.addEventListener('click', async () => {
    const names = selected();
    const ok = await confirmDialog({
      title: `Delete ${names.length} object${names.length === 1 ? '' : 's'}?`, action: 'Delete',
      message: names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`,
    });
    if (!ok) return;
    const failed = [];
    await Promise.all(names.map((n) => api.deleteObject(bucket, n).catch((e) => failed.push(`${n}: ${e.message}`))));
    if (failed.length) notify(`Not deleted: ${failed.join('; ')}`, 'error');
    else notify(`Deleted ${names.length} object(s)`, 'ok');
    await load();
  });

  load();
  return () => {};
}
