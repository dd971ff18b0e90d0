//! The HTTP adapter: sends one core [`HttpRequest`] with gloo-net (the
//! global `fetch`, so it works in Chrome's service worker and in Firefox's
//! background page) and hands back the core [`HttpResponse`].
//!
//! Every request is aborted after `REQUEST_TIMEOUT_MS` (20 s). A request that got
//! no answer becomes [`ApiError::Network`] or [`ApiError::Timeout`]; every
//! answer, whatever its status, becomes an `HttpResponse` for the core to
//! interpret. This module never logs a request: its headers carry the key.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use wasm_bindgen::prelude::*;

use crate::core::greenhouse::error::ApiError;
use crate::core::greenhouse::{HttpRequest, HttpResponse, Method};
use crate::core::sending::outbox::REQUEST_TIMEOUT_MS;

#[wasm_bindgen]
extern "C" {
    // The global timer functions exist in windows and workers alike; web-sys
    // only binds them on `Window` and `WorkerGlobalScope` separately.
    #[wasm_bindgen(js_name = setTimeout)]
    pub(super) fn set_timeout(callback: &JsValue, delay_ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Send `request` and wait for the whole answer (at most
/// [`REQUEST_TIMEOUT_MS`], the outbox's notion of a lost request).
pub async fn send(request: &HttpRequest) -> Result<HttpResponse, ApiError> {
    send_with_timeout(request, REQUEST_TIMEOUT_MS as i32).await
}

/// A request [`start`] sent: [`Leaving::answer`] waits for its outcome.
pub struct Leaving {
    done: js_sys::Promise,
    outcome: Rc<RefCell<Option<Result<HttpResponse, ApiError>>>>,
}

/// Sends `request` as [`send`] does, in a task of its own: it leaves at the
/// next microtask, while the caller goes on (the outbox's write of the send
/// follows it, `sending::send_prospect`).
pub fn start(request: HttpRequest) -> Leaving {
    let outcome = Rc::new(RefCell::new(None));
    let mut resolve = None;
    let done = js_sys::Promise::new(&mut |then, _| resolve = Some(then));
    let filled = Rc::clone(&outcome);
    wasm_bindgen_futures::spawn_local(async move {
        crate::perf::span(crate::perf::BG_STEP, "fetch-task", crate::perf::now());
        let answer = send(&request).await;
        *filled.borrow_mut() = Some(answer);
        if let Some(resolve) = resolve {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    Leaving { done, outcome }
}

impl Leaving {
    /// The request's outcome, once it has one.
    pub async fn answer(self) -> Result<HttpResponse, ApiError> {
        let _ = wasm_bindgen_futures::JsFuture::from(self.done).await;
        let answer = self.outcome.borrow_mut().take();
        // The task always fills it before resolving.
        answer.unwrap_or(Err(ApiError::Network))
    }
}

/// [`send`] with an explicit timeout in milliseconds.
pub async fn send_with_timeout(
    request: &HttpRequest,
    timeout_ms: i32,
) -> Result<HttpResponse, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        Closure::once_into_js(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = set_timeout(&on_timeout, timeout_ms);
    let outcome = exchange(request, &controller.signal()).await;
    clear_timeout(&timer);
    match outcome {
        Ok(response) => Ok(response),
        Err(()) if timed_out.get() => Err(ApiError::Timeout),
        Err(()) => Err(ApiError::Network),
    }
}

async fn exchange(
    request: &HttpRequest,
    signal: &web_sys::AbortSignal,
) -> Result<HttpResponse, ()> {
    let started = crate::perf::now();
    // Any failure to build or send is "no answer": the request may or may not
    // have left, which the caller treats as a network failure.
    let prepared = prepare(request, signal)?;
    // Ends right before `fetch` is called (on the first poll of `send`).
    crate::perf::span(crate::perf::BG_STEP, "fetch-built", started);
    let response = prepared.send().await.map_err(|_| ())?;
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = response.text().await.map_err(|_| ())?;
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// The browser's request for `request`, not sent yet (the warm-up builds
/// one and drops it).
pub(super) fn prepare(
    request: &HttpRequest,
    signal: &web_sys::AbortSignal,
) -> Result<gloo_net::http::Request, ()> {
    let method = match request.method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
    };
    let builder = request
        .headers
        .iter()
        .fold(
            RequestBuilder::new(&request.url).method(method),
            |builder, (name, value)| builder.header(name, value),
        )
        .abort_signal(Some(signal));
    match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    }
    .map_err(|_| ())
}
