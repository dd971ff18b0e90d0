// Background loader: registers every listener synchronously at top level
// (Chrome stops and restarts the service worker at will; a listener added
// after an await would miss the event that woke it) and forwards each event
// to the Rust core once it is instantiated. The core alone holds the key.
"use strict";
// First of all: Chromium closes `storage.local` to content scripts (not
// kept across restarts, so at every start). The core's own store is out of
// their reach in both browsers (`background/store.rs`).
pgBrowser.restrictStorage().catch(() => {});
const coreReady = wasm_bindgen({ module_or_path: pgBrowser.extensionUrl("pkg/extension_bg.wasm") });
const core = () => coreReady.then(() => wasm_bindgen);

pgBrowser.api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  core()
    .then((rust) => rust.handle_message(message, sender))
    .then(sendResponse, (error) => {
      // The core threw instead of answering: the one reply it cannot make
      // itself, in the contract's shape (core::contract::error_reply).
      console.error("Purpose Jobs → Greenhouse:", error);
      const message = pgBrowser.api.i18n.getMessage("error_internal");
      sendResponse({ ok: false, error: { kind: "internal", message, field: null } });
    });
  return true; // the reply is sent asynchronously
});
pgBrowser.api.alarms.onAlarm.addListener((alarm) => core().then((rust) => rust.handle_alarm(alarm.name)));
pgBrowser.api.runtime.onStartup.addListener(() => core().then((rust) => rust.handle_wake("startup")));
pgBrowser.api.runtime.onInstalled.addListener(() => core().then((rust) => rust.handle_wake("installed")));
pgBrowser.api.commands.onCommand.addListener((command, tab) =>
  core().then((rust) => rust.handle_command(command, tab ? tab.id : null)),
);
globalThis.addEventListener("online", () => core().then((rust) => rust.handle_wake("online")));
