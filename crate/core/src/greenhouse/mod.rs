//! Greenhouse's Candidate Ingestion API as data: request bodies, request
//! building, response interpretation and the error enum. No I/O here: an
//! adapter sends the [`HttpRequest`]s and hands back the responses.

pub mod base64;
pub mod candidate;
pub mod error;
pub mod http;
pub mod mapping;
pub mod requests;
pub mod responses;

pub use http::{HttpRequest, HttpResponse, Method};
