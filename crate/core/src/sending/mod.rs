//! Getting a prospect into Greenhouse exactly once: the outbox state machine
//! (retries, backoff, recovery after a restart), the ledger of sent
//! candidates, the review form's rules, the recruiter's settings, and the
//! background's own checks on what a content script asks it to send.

pub mod guard;
pub mod ledger;
pub mod outbox;
pub mod plan;
pub mod readings;
pub mod review;
pub mod settings;
