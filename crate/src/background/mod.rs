//! The background adapter: the only context that reads the API key and talks
//! to Greenhouse. Routes typed messages by sender, persists settings, the
//! outbox and the ledger in extension storage, and schedules retries.

use wasm_bindgen::prelude::*;

/// Handle one `runtime.onMessage` message; resolves with the reply envelope.
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    let _ = (message, sender);
    JsValue::NULL
}

/// Handle an `alarms.onAlarm` event (outbox retries).
#[wasm_bindgen]
pub async fn handle_alarm(name: String) {
    let _ = name;
}

/// Handle the browser waking the background (`startup`, `installed`, `online`).
#[wasm_bindgen]
pub async fn handle_wake(reason: String) {
    let _ = reason;
}

/// Handle a keyboard command (`commands.onCommand`).
#[wasm_bindgen]
pub async fn handle_command(command: String, tab_id: Option<f64>) {
    let _ = (command, tab_id);
}
