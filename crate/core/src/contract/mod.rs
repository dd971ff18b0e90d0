//! The contract between the extension's contexts: the requests a content
//! script or an extension page may send the background, who may send which,
//! the replies, and the `{kind, message}` error envelope. Read strictly.

pub mod error_reply;
pub mod read_reply;
pub mod records;
pub mod reply;
pub mod request;
pub mod sentences;
pub mod trust;
