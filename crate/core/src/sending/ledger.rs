//! The sent ledger: which Purpose Jobs candidates Greenhouse confirmed, as
//! which Greenhouse candidate, when and by whom.
//!
//! It answers "was this profile sent already?" and lists the last sends for
//! the toolbar popup. Kept in extension storage through serde; bounded to
//! [`Ledger::CAPACITY`] entries, oldest dropped first, and to
//! [`Ledger::MAX_AGE_MS`] ([`Ledger::prune`]): it holds candidates' names,
//! so it keeps no more than the recruiter needs (`PRIVACY.md`). Only confirmed sends
//! are recorded here (the outbox holds the rest). Nothing here performs I/O
//! or reads a clock, and nothing here holds a credential.

use serde::{Deserialize, Serialize};

/// One confirmed send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
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
    /// Candidate name as sent, for lists.
    pub name: String,
    /// Whether an earlier attempt of this send went out without an answer,
    /// so Greenhouse may hold a second prospect for it: the UI suggests
    /// checking (Greenhouse has no idempotency key to prevent this).
    pub possible_duplicate: bool,
    /// Greenhouse ids of earlier confirmed sends of the same candidate
    /// ("Send again…"), oldest first.
    #[serde(default)]
    pub earlier_candidate_ids: Vec<u64>,
}

/// Every confirmed send, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ledger {
    /// The entries, oldest first, at most one per `external_id`.
    #[serde(default)]
    pub entries: Vec<LedgerEntry>,
}

impl Ledger {
    /// How many candidates are remembered: enough for months of a
    /// recruiter's sends, few enough that little personal data is kept.
    pub const CAPACITY: usize = 500;

    /// How long a confirmed send is remembered: 180 days.
    pub const MAX_AGE_MS: u64 = 180 * 24 * 60 * 60 * 1000;

    /// Drops the entries confirmed more than [`Ledger::MAX_AGE_MS`] before
    /// `now_ms`; returns whether any went.
    pub fn prune(&mut self, now_ms: u64) -> bool {
        let before = self.entries.len();
        self.entries
            .retain(|entry| now_ms.saturating_sub(entry.sent_at_ms) <= Self::MAX_AGE_MS);
        self.entries.len() != before
    }

    /// Records a confirmed send. A send of a candidate already in the ledger
    /// replaces its entry (keeping the earlier Greenhouse id in
    /// `earlier_candidate_ids`) and becomes the newest.
    pub fn record(&mut self, mut entry: LedgerEntry) {
        if let Some(index) = self
            .entries
            .iter()
            .position(|existing| existing.external_id == entry.external_id)
        {
            let earlier = self.entries.remove(index);
            let mut ids = earlier.earlier_candidate_ids;
            if earlier.greenhouse_candidate_id != entry.greenhouse_candidate_id {
                ids.push(earlier.greenhouse_candidate_id);
            }
            ids.append(&mut entry.earlier_candidate_ids);
            ids.dedup();
            entry.earlier_candidate_ids = ids;
        }
        self.entries.push(entry);
        let excess = self.entries.len().saturating_sub(Self::CAPACITY);
        self.entries.drain(..excess);
    }

    /// The confirmed send of this Purpose Jobs candidate, if any.
    pub fn lookup(&self, external_id: &str) -> Option<&LedgerEntry> {
        self.entries
            .iter()
            .find(|entry| entry.external_id == external_id)
    }

    /// The last `limit` sends, newest first.
    pub fn recent(&self, limit: usize) -> Vec<&LedgerEntry> {
        self.entries.iter().rev().take(limit).collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry(external_id: &str, greenhouse_id: u64, at: u64) -> LedgerEntry {
        LedgerEntry {
            external_id: external_id.into(),
            greenhouse_candidate_id: greenhouse_id,
            profile_url: Some(format!("https://app.greenhouse.io/people/{greenhouse_id}")),
            sent_at_ms: at,
            sent_by: "ada@example.com".into(),
            name: format!("Candidate {external_id}"),
            possible_duplicate: false,
            earlier_candidate_ids: Vec::new(),
        }
    }

    #[test]
    fn lookup_finds_what_was_recorded() {
        let mut ledger = Ledger::default();
        ledger.record(entry("pj-1", 100, 1));
        ledger.record(entry("pj-2", 200, 2));
        let cases = [
            ("pj-1", Some(100)),
            ("pj-2", Some(200)),
            ("pj-3", None),
            ("", None),
        ];
        for (external_id, expected) in cases {
            assert_eq!(
                ledger
                    .lookup(external_id)
                    .map(|e| e.greenhouse_candidate_id),
                expected,
                "{external_id}"
            );
        }
    }

    #[test]
    fn recent_is_newest_first_and_limited() {
        let mut ledger = Ledger::default();
        for (index, id) in ["a", "b", "c", "d"].iter().enumerate() {
            ledger.record(entry(id, index as u64, index as u64));
        }
        let cases: [(usize, &[&str]); 4] = [
            (0, &[]),
            (2, &["d", "c"]),
            (4, &["d", "c", "b", "a"]),
            (20, &["d", "c", "b", "a"]),
        ];
        for (limit, expected) in cases {
            let got: Vec<&str> = ledger
                .recent(limit)
                .iter()
                .map(|e| e.external_id.as_str())
                .collect();
            assert_eq!(got, expected, "{limit}");
        }
    }

    #[test]
    fn sending_again_replaces_and_remembers_the_earlier_id() {
        let mut ledger = Ledger::default();
        ledger.record(entry("pj-1", 100, 1));
        ledger.record(entry("pj-2", 200, 2));
        ledger.record(entry("pj-1", 101, 3));
        ledger.record(entry("pj-1", 102, 4));
        assert_eq!(ledger.entries.len(), 2);
        let latest = ledger.lookup("pj-1").unwrap();
        assert_eq!(latest.greenhouse_candidate_id, 102);
        assert_eq!(latest.earlier_candidate_ids, [100, 101]);
        assert_eq!(ledger.recent(1)[0].external_id, "pj-1");
    }

    #[test]
    fn the_same_confirmation_twice_is_not_an_earlier_send() {
        let mut ledger = Ledger::default();
        ledger.record(entry("pj-1", 100, 1));
        ledger.record(entry("pj-1", 100, 2));
        assert_eq!(
            ledger.lookup("pj-1").unwrap().earlier_candidate_ids,
            Vec::<u64>::new()
        );
    }

    #[test]
    fn oldest_entries_go_beyond_capacity() {
        let mut ledger = Ledger::default();
        for index in 0..(Ledger::CAPACITY as u64 + 3) {
            ledger.record(entry(&format!("pj-{index}"), index, index));
        }
        assert_eq!(ledger.entries.len(), Ledger::CAPACITY);
        assert!(ledger.lookup("pj-0").is_none());
        assert!(ledger.lookup("pj-2").is_none());
        assert!(ledger.lookup("pj-3").is_some());
        assert!(ledger
            .lookup(&format!("pj-{}", Ledger::CAPACITY + 2))
            .is_some());
    }

    #[test]
    fn entries_older_than_180_days_go() {
        let day = 24 * 60 * 60 * 1000;
        let now = 400 * day;
        let mut ledger = Ledger::default();
        for (id, age_days) in [("old", 181), ("edge", 180), ("recent", 2)] {
            ledger.record(entry(id, 1, now - age_days * day));
        }
        assert!(ledger.prune(now));
        let kept: Vec<&str> = ledger
            .entries
            .iter()
            .map(|e| e.external_id.as_str())
            .collect();
        assert_eq!(kept, ["edge", "recent"]);
        assert!(!ledger.prune(now));
        assert_eq!(Ledger::CAPACITY, 500);
    }

    #[test]
    fn storage_round_trip() {
        let mut ledger = Ledger::default();
        ledger.record(entry("pj-1", 100, 1));
        let json = serde_json::to_string(&ledger).unwrap();
        assert_eq!(serde_json::from_str::<Ledger>(&json).unwrap(), ledger);
        assert_eq!(
            serde_json::from_str::<Ledger>("{}").unwrap(),
            Ledger::default()
        );
        let value = serde_json::to_value(&ledger).unwrap();
        assert_eq!(value["entries"][0]["greenhouse_candidate_id"], 100);
        assert_eq!(value["entries"][0]["possible_duplicate"], false);
    }
}
