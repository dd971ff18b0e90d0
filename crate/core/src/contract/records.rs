//! What replies say about Greenhouse data and past sends, as plain data read
//! strictly: the jobs and pools a recruiter can choose from, a candidate's
//! applications, and a confirmed send.
//!
//! Greenhouse's own answers are read leniently (`greenhouse::responses`: ids
//! as numbers or strings, names as strings or objects) and the ledger is a
//! storage record (`sending::ledger`); neither is also the contract between
//! the extension's contexts. Each is converted here, at the reply's edge.

use serde::{Deserialize, Serialize};

use crate::greenhouse::responses::{
    ApplicationState, ApplicationStatus, Job, PoolStage, ProspectPool,
};
use crate::sending::ledger::LedgerEntry;

/// A job a candidate can be added to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobChoice {
    /// Greenhouse job id (`job_id` in a `NewCandidate`).
    pub id: u64,
    /// Job name.
    pub name: String,
    /// Job status, e.g. `"open"`.
    pub status: String,
    /// Whether the job is on the public job board.
    pub public: bool,
}

/// A prospect pool with its stages, in Greenhouse's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolChoice {
    /// Pool id (`prospect_pool_id`).
    pub id: u64,
    /// Pool name.
    pub name: String,
    /// Stages in order.
    pub stages: Vec<StageChoice>,
}

/// A stage of a prospect pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChoice {
    /// Stage id (`prospect_pool_stage_id`).
    pub id: u64,
    /// Stage name.
    pub name: String,
}

/// One application of a sent candidate, as Greenhouse reports it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// Application id, when given.
    pub id: Option<u64>,
    /// Job name; `null` for a prospect on no job.
    pub job: Option<String>,
    /// Status as Greenhouse words it (`active`, `rejected`, `hired`).
    pub status: Option<String>,
    /// Current stage name.
    pub stage: Option<String>,
    /// Link to the application in Greenhouse.
    pub profile_url: Option<String>,
}

/// A confirmed send, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRecord {
    /// The Purpose Jobs candidate id (`external_id` in Greenhouse).
    pub external_id: String,
    /// The candidate id Greenhouse answered with.
    pub greenhouse_candidate_id: u64,
    /// Link to the candidate in Greenhouse ("View in Greenhouse"), when given.
    pub profile_url: Option<String>,
    /// When Greenhouse confirmed it (milliseconds since the Unix epoch).
    pub sent_at_ms: u64,
    /// Email of the Greenhouse user it was sent as (`On-Behalf-Of`).
    pub sent_by: String,
    /// Candidate name as sent.
    pub name: String,
    /// Whether Greenhouse may hold a second prospect for it.
    pub possible_duplicate: bool,
    /// Greenhouse ids of earlier confirmed sends of the same candidate,
    /// oldest first.
    #[serde(default)]
    pub earlier_candidate_ids: Vec<u64>,
}

impl Application {
    /// The status as an [`ApplicationState`] (case-insensitive): Greenhouse
    /// writes `"active"` in its tables and `"Active"` in its examples.
    pub fn state(&self) -> ApplicationState {
        ApplicationState::of(self.status.as_deref())
    }
}

impl From<&Job> for JobChoice {
    fn from(job: &Job) -> Self {
        JobChoice {
            id: job.id,
            name: job.name.clone(),
            status: job.status.clone(),
            public: job.public,
        }
    }
}

impl From<&PoolStage> for StageChoice {
    fn from(stage: &PoolStage) -> Self {
        StageChoice {
            id: stage.id,
            name: stage.name.clone(),
        }
    }
}

impl From<&ProspectPool> for PoolChoice {
    fn from(pool: &ProspectPool) -> Self {
        PoolChoice {
            id: pool.id,
            name: pool.name.clone(),
            stages: pool.stages.iter().map(StageChoice::from).collect(),
        }
    }
}

impl From<ApplicationStatus> for Application {
    fn from(application: ApplicationStatus) -> Self {
        Application {
            id: application.id,
            job: application.job,
            status: application.status,
            stage: application.stage,
            profile_url: application.profile_url,
        }
    }
}

impl From<&LedgerEntry> for SentRecord {
    fn from(entry: &LedgerEntry) -> Self {
        SentRecord {
            external_id: entry.external_id.clone(),
            greenhouse_candidate_id: entry.greenhouse_candidate_id,
            profile_url: entry.profile_url.clone(),
            sent_at_ms: entry.sent_at_ms,
            sent_by: entry.sent_by.clone(),
            name: entry.name.clone(),
            possible_duplicate: entry.possible_duplicate,
            earlier_candidate_ids: entry.earlier_candidate_ids.clone(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_read_strictly_where_greenhouse_is_read_leniently() {
        // Greenhouse may write an id as a string; a reply never does.
        let lenient: Job =
            serde_json::from_str(r#"{"id":"5","name":"Engineer","status":null,"public":null}"#)
                .unwrap();
        let choice = JobChoice::from(&lenient);
        let wire = serde_json::to_value(&choice).unwrap();
        assert_eq!(
            wire,
            serde_json::json!({"id": 5, "name": "Engineer", "status": "", "public": false})
        );
        assert!(serde_json::from_str::<JobChoice>(
            r#"{"id":"5","name":"Engineer","status":"","public":false}"#
        )
        .is_err());
        assert_eq!(serde_json::from_value::<JobChoice>(wire).unwrap(), choice);
    }
}
