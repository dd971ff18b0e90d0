//! Getting a prospect into Greenhouse exactly once: the outbox state machine
//! (retries, backoff, recovery after a restart), the ledger of sent
//! candidates, the review form's rules and the recruiter's settings.

pub mod ledger;
pub mod outbox;
pub mod plan;
pub mod review;
pub mod settings;
