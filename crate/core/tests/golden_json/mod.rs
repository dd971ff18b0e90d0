//! The JSON the fixture golden files hold, shared by the native
//! (`fixtures.rs`) and the in-browser (`web_extract.rs`) fixture tests, so
//! both compare the extractor's output in exactly the same shape.

use purpose_greenhouse_core::greenhouse::mapping::to_new_candidate;
use purpose_greenhouse_core::profile::extract::ParseError;
use purpose_greenhouse_core::profile::CandidateProfile;
use serde_json::{json, Value};

/// `<name>.profile.json`: the profile, or the extraction error.
pub fn profile_json(result: &Result<CandidateProfile, ParseError>) -> Value {
    match result {
        Ok(profile) => serde_json::to_value(profile).unwrap(),
        Err(error) => json!({ "error": error }),
    }
}

/// `<name>.payload.json`: the Greenhouse payload, or why there is none.
pub fn payload_json(result: &Result<CandidateProfile, ParseError>) -> Value {
    match result.as_ref().map(to_new_candidate) {
        Ok(Ok(candidate)) => serde_json::to_value(candidate).unwrap(),
        Ok(Err(missing)) => json!({
            "error": { "kind": "missing_fields", "missing": missing.missing, "draft": missing.draft }
        }),
        Err(error) => json!({ "error": error }),
    }
}
