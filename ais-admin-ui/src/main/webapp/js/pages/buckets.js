// Buckets: list with object count and size, create (checksum, versioning, mirror, EC), edit props, destroy.
import { api } from '../api.js';
import { BITS } from '../permissions.js';
import { permissions, refresh as refreshPermissions } from '../session.js';
import { clear, confirmDialog, h, notify } from '../dom.js';
import { bytes, num } from '../format.js';

const CHECKSUMS = ['xxhash2', 'xxhash', 'md5', 'crc32c', 'sha256', 'sha512', 'none'];

/** AIS's bucket-name rules; returns the problem or ''. */
export function bucketNameProblem(name) {
  if (!name) return 'A name is required.';
  if (new TextEncoder().encode(name).length > 64) return 'At most 64 bytes.';
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) return 'Only letters, digits, "_", "." and "-".';
  if (name.includes('..')) return 'No "..".';
  if (name.startsWith('.')) return 'Must not start with "." (reserved for system buckets).';
  return '';
}

function intField(id, label, value, min, max) {
  return [h('label', { for: id }, `${label} (${min}–${max})`),
    h('input', { id, type: 'number', min: String(min), max: String(max), value: String(value), required: true }),
    h('p', { class: 'field-error', id: `${id}-err`, 'aria-live': 'polite' })];
}

/**
 * The props form (create and edit). Returns {form, read} where read() validates inline and answers the props
 * document or null.
 */
function propsForm(props, { create, targets, onSubmit, submitLabel }) {
  const p = props || {};
  const f = h('form', { class: 'props', novalidate: true, id: create ? 'create-form' : 'edit-form' },
    create ? h('div', {}, h('label', { for: 'b-name' }, 'Bucket name'),
      h('input', { id: 'b-name', required: true, autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': 'b-name-err' }),
      h('p', { class: 'field-error', id: 'b-name-err', 'aria-live': 'polite' })) : null,
    h('fieldset', {}, h('legend', {}, 'Checksum'),
      h('label', { for: 'b-cksum' }, 'Type'),
      h('select', { id: 'b-cksum' }, CHECKSUMS.map((c) =>
        h('option', { value: c, selected: (p.checksum?.type || 'xxhash2') === c }, c)))),
    h('fieldset', {}, h('legend', {}, 'Versioning'),
      h('label', { class: 'inline' }, h('input', { id: 'b-ver', type: 'checkbox',
        checked: p.versioning ? p.versioning.enabled : true }), 'Enabled')),
    h('fieldset', {}, h('legend', {}, 'Mirror (copies on other mountpaths of the same target)'),
      h('label', { class: 'inline' }, h('input', { id: 'b-mirror', type: 'checkbox', checked: p.mirror?.enabled }),
        'Enabled'),
      intField('b-copies', 'Copies', p.mirror?.copies && p.mirror.copies > 1 ? p.mirror.copies : 2, 2, 32)),
    h('fieldset', {}, h('legend', {}, 'Erasure coding (slices on other targets)'),
      h('label', { class: 'inline' }, h('input', { id: 'b-ec', type: 'checkbox', checked: p.ec?.enabled }), 'Enabled'),
      intField('b-data', 'Data slices', p.ec?.data_slices || 2, 1, 100),
      intField('b-parity', 'Parity slices', p.ec?.parity_slices || 2, 1, 32),
      h('p', { class: 'muted', id: 'b-ec-note' })),
    h('div', {}, h('p', { class: 'error', id: 'form-error', role: 'alert' }),
      h('button', { type: 'submit', class: 'primary', id: create ? 'create-submit' : 'edit-submit' }, submitLabel)));

  const $ = (id) => f.querySelector(`#${id}`);
  const setError = (id, msg) => {
    $(`${id}-err`).textContent = msg;
    $(id).setAttribute('aria-invalid', msg ? 'true' : 'false');
    return !msg;
  };
  const intOk = (id, min, max) => {
    const v = $(id).value;
    const n = Number(v);
    return setError(id, /^\d+$/.test(v) && n >= min && n <= max ? '' : `A whole number from ${min} to ${max}.`);
  };
  const ecNote = () => {
    const d = Number($('b-data').value) || 0;
    const par = Number($('b-parity').value) || 0;
    $('b-ec-note').textContent = $('b-ec').checked
      ? `Needs at least ${d + par + 1} targets (the cluster has ${targets}).${p.ec?.enabled
        ? ' Once enabled, EC cannot be turned off or resliced.' : ''}` : '';
  };
  const validate = () => {
    let ok = true;
    if (create) ok = setError('b-name', bucketNameProblem($('b-name').value.trim())) && ok;
    ok = intOk('b-copies', 2, 32) && ok;
    ok = intOk('b-data', 1, 100) && ok;
    ok = intOk('b-parity', 1, 32) && ok;
    ecNote();
    return ok;
  };
  f.addEventListener('input', validate);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    $('form-error').textContent = '';
    if (!validate()) {
      f.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const doc = {
      checksum: { type: $('b-cksum').value },
      versioning: { enabled: $('b-ver').checked },
      mirror: { enabled: $('b-mirror').checked, copies: Number($('b-copies').value) },
      ec: { enabled: $('b-ec').checked, data_slices: Number($('b-data').value),
        parity_slices: Number($('b-parity').value) },
    };
    const btn = e.submitter || f.querySelector('button[type=submit]');
    btn.disabled = true;
    try {
      await onSubmit(create ? $('b-name').value.trim() : null, doc);
    } catch (err) {
      $('form-error').textContent = err.message;
    } finally {
      btn.disabled = false;
    }
  });
  ecNote();
  return f;
}

function propsSummary(p) {
  const parts = [p.checksum?.type || ''];
  if (p.versioning?.enabled) parts.push('versioned');
  if (p.mirror?.enabled) parts.push(`mirror ×${p.mirror.copies}`);
  if (p.ec?.enabled) parts.push(`EC ${p.ec.data_slices}+${p.ec.parity_slices}`);
  return parts.filter(Boolean).join(' · ');
}

export function render(main) {
  const list = h('div', { class: 'scroll', id: 'bucket-list' }, h('p', { class: 'muted' }, 'Loading…'));
  const editor = h('section', { class: 'card', id: 'editor', hidden: true });
  const creator = h('section', { class: 'card', 'aria-labelledby': 'create-h' }, h('h2', { id: 'create-h' }, 'Create a bucket'));
  const error = h('p', { class: 'error', role: 'alert' });
  clear(main, h('h1', {}, 'Buckets'), error, list, editor, creator);
  let targets = 0;

  const refresh = async () => {
    try {
      const [sums, smap] = await Promise.all([api.summaries(), api.smap().catch(() => ({})), refreshPermissions()]);
      const may = permissions();
      targets = Object.keys(smap.tmap || {}).length;
      const props = await Promise.all(sums.map((s) => api.bucketProps(s.name).catch(() => ({}))));
      error.textContent = '';
      clear(list, sums.length === 0 ? h('p', { class: 'muted' }, 'No buckets yet.') : h('table', {},
        h('thead', {}, h('tr', {}, ['Bucket', 'Objects', 'Size', 'Properties', 'Actions'].map((c, i) =>
          h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : i === 3 ? 'optional' : undefined }, c)))),
        h('tbody', {}, sums.map((s, i) => h('tr', { dataset: { bucket: s.name } },
          h('td', {}, h('a', { href: `#/objects/${encodeURIComponent(s.name)}` }, `${s.provider}://${s.name}`)),
          h('td', { class: 'num' }, num(s.ObjCount?.obj_count_present)),
          h('td', { class: 'num' }, bytes(s.TotalSize?.size_all_present_objs)),
          h('td', { class: 'optional' }, propsSummary(props[i])),
          h('td', {}, h('div', { class: 'buttons' },
            may.bucket(s.name, BITS.PATCH, s.provider) ? h('button', { type: 'button',
              onclick: () => edit(s.name, props[i]), 'aria-label': `Edit properties of ${s.name}` }, 'Edit') : null,
            may.bucket(s.name, BITS.DESTROY_BUCKET, s.provider) ? h('button', { type: 'button', class: 'danger',
              onclick: () => destroy(s.name), 'aria-label': `Destroy ${s.name}` }, 'Destroy') : null)))))));
      creator.hidden = !may.cluster(BITS.CREATE_BUCKET);
    } catch (e) {
      error.textContent = `Cannot list buckets: ${e.message}`;
    }
  };

  const edit = (name, props) => {
    editor.hidden = false;
    clear(editor, h('h2', { id: 'edit-h' }, `Properties of ais://${name}`),
      propsForm(props, {
        create: false, targets, submitLabel: 'Save',
        onSubmit: async (_, doc) => {
          await api.setProps(name, doc);
          notify(`Saved the properties of ${name}`, 'ok');
          editor.hidden = true;
          await refresh();
        },
      }),
      h('button', { type: 'button', onclick: () => { editor.hidden = true; } }, 'Close'));
    editor.querySelector('select')?.focus();
  };

  const destroy = async (name) => {
    const ok = await confirmDialog({
      title: `Destroy ais://${name}?`, typed: name, action: 'Destroy',
      message: 'The bucket and every object in it are deleted on every node. This cannot be undone.',
    });
    if (!ok) return;
    try {
      await api.destroyBucket(name);
      notify(`Destroyed ${name}`, 'ok');
    } catch (e) {
      notify(`Cannot destroy ${name}: ${e.message}`, 'error');
    }
    await refresh();
  };

  const mountCreate = () => {
    const old = creator.querySelector('form');
    if (old) old.remove();
    creator.append(propsForm(null, {
      create: true, targets, submitLabel: 'Create',
      onSubmit: async (name, doc) => {
        await api.createBucket(name, doc);
        notify(`Created ${name}`, 'ok');
        mountCreate();
        await refresh();
      },
    }));
  };
  refresh().then(mountCreate);
  return () => {};
}
