// The one browser-API shim: every context (content script, background,
// options page, popup) reaches `chrome.*` / `browser.*` only through
// `globalThis.pgBrowser`, which the Rust core imports by name.
// Firefox provides promise-based `browser`; Chrome's `chrome` returns promises
// in MV3 too, so both are used the same way.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // The background's own store: IndexedDB of the extension's origin. A
  // content script runs with the page's origin, so it cannot open this
  // database, whereas both browsers give content scripts `storage.local`.
  // Same shape as `storage.local` (get: keys -> {key: value}, set: {key:
  // value}, remove: keys), values stored as structured clones.
  const DB_NAME = "purpose-greenhouse";
  const STORE = "kv";
  let opened = null;
  const db = () =>
    (opened ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opened = null;
        reject(request.error);
      };
    }));
  const transact = (mode, work) =>
    db().then(
      (database) =>
        new Promise((resolve, reject) => {
          const tx = database.transaction(STORE, mode);
          const result = work(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(result);
          tx.onerror = tx.onabort = () => reject(tx.error);
        }),
    );
  const list = (keys) => (Array.isArray(keys) ? keys : [keys]);
  globalThis.pgBrowser = {
    api,
    extensionUrl: (path) => api.runtime.getURL(path),
    extensionId: () => api.runtime.id,
    sendMessage: (message) => api.runtime.sendMessage(message),
    storageGet: (keys) => api.storage.local.get(keys),
    storageSet: (items) => api.storage.local.set(items),
    storageRemove: (keys) => api.storage.local.remove(keys),
    // Chromium: refuse content scripts `storage.local` (what an older
    // version left there until it is moved; `storage.session` is
    // trusted-only by default). Firefox has no such switch: resolves false.
    restrictStorage: () =>
      api.storage.local.setAccessLevel
        ? api.storage.local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).then(() => true)
        : Promise.resolve(false),
    storeGet: (keys) =>
      transact("readonly", (store) => {
        const items = {};
        for (const key of list(keys)) {
          store.get(key).onsuccess = (event) => {
            if (event.target.result !== undefined) items[key] = event.target.result;
          };
        }
        return items;
      }),
    storeSet: (items) =>
      transact("readwrite", (store) => {
        for (const [key, value] of Object.entries(items)) store.put(value, key);
      }),
    storeRemove: (keys) =>
      transact("readwrite", (store) => {
        for (const key of list(keys)) store.delete(key);
      }),
    sessionGet: (keys) => api.storage.session.get(keys),
    sessionSet: (items) => api.storage.session.set(items),
    randomToken: () => crypto.randomUUID(),
    i18n: (key, substitutions) => api.i18n.getMessage(key, substitutions),
    openOptionsPage: () => api.runtime.openOptionsPage(),
    alarmCreate: (name, when) => api.alarms.create(name, { when }),
    alarmClear: (name) => api.alarms.clear(name),
    permissionsContains: (origins) => api.permissions.contains({ origins }),
    permissionsRequest: (origins) => api.permissions.request({ origins }),
    sendToTab: (tabId, message) => api.tabs.sendMessage(tabId, message),
    activeTabId: async () => {
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      return tab ? tab.id : null;
    },
  };
})();
