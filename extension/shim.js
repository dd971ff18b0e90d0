// The one browser-API shim: every context (content script, background,
// options page, popup) reaches `chrome.*` / `browser.*` only through
// `globalThis.pgBrowser`, which the Rust core imports by name.
// Firefox provides promise-based `browser`; Chrome's `chrome` returns promises
// in MV3 too, so both are used the same way.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  globalThis.pgBrowser = {
    api,
    extensionUrl: (path) => api.runtime.getURL(path),
    extensionId: () => api.runtime.id,
    sendMessage: (message) => api.runtime.sendMessage(message),
    storageGet: (keys) => api.storage.local.get(keys),
    storageSet: (items) => api.storage.local.set(items),
    storageRemove: (keys) => api.storage.local.remove(keys),
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
