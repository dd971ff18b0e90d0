//! The in-page UI's decisions, without the page: what a click on our Share
//! menu items does given what is known about the candidate ([`menu`]),
//! which notice an outcome or an error gives and with which action
//! ([`notice`]), whether a click really landed on our item as the
//! recruiter saw it ([`click`]), and which links from Greenhouse may be
//! shown at all ([`link`]).
//!
//! Pure functions returning small descriptions; the browser adapters
//! (`content`, and the extension-origin frame that draws the notices and
//! the review form) only draw them. Nothing here looks at the DOM or at
//! a sentence's words: decisions branch on typed fields only.

pub mod click;
pub mod frame;
pub mod link;
pub mod menu;
pub mod notice;
