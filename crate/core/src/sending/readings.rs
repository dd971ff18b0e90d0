//! The candidates the background read, kept until they are sent: a content
//! script gets a token for its reading (`Request::ReadProfile`) and names
//! it when it sends (`Request::SendProspect`), so the background sends only
//! what its own reading of the snapshot produced, plus the recruiter's
//! edits (checked by `core::sending::guard`), never a candidate a content
//! script made up.
//!
//! A token belongs to the tab that asked for the reading, lasts
//! [`Readings::MAX_AGE_MS`], and is forgotten once its send is queued.
//! The adapter keeps [`Readings`] in memory and in `storage.session`, so a
//! background stopped between the reading and the send still knows it.
//! Pure: the token and the time come in as arguments.

use serde::{Deserialize, Serialize};

use crate::greenhouse::candidate::NewCandidate;

/// The handle a content script holds for a candidate the background read
/// (on the wire `{"token": "…"}`, where the candidate itself used to be).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingToken {
    /// Random and unguessable (`crypto.randomUUID()`).
    pub token: String,
}

/// One kept reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptReading {
    /// Its token.
    pub token: String,
    /// The tab whose content script asked for it (`-1` for an extension
    /// page, which has no tab).
    pub tab: i64,
    /// The candidate as read.
    pub candidate: NewCandidate,
    /// When it was read (milliseconds since the Unix epoch).
    pub read_at_ms: u64,
}

/// The kept readings, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Readings {
    /// The readings.
    pub entries: Vec<KeptReading>,
}

impl Readings {
    /// How many readings are kept (a few KB each), oldest dropped first.
    pub const CAPACITY: usize = 100;
    /// How long a reading may wait for its send: a review form left open
    /// longer is read again.
    pub const MAX_AGE_MS: u64 = 2 * 60 * 60 * 1000;

    /// Keeps `candidate`, read at `now_ms` for `tab`, under `token`.
    pub fn keep(&mut self, token: String, tab: i64, candidate: NewCandidate, now_ms: u64) {
        self.prune(now_ms);
        self.entries.retain(|entry| entry.token != token);
        self.entries.push(KeptReading {
            token,
            tab,
            candidate,
            read_at_ms: now_ms,
        });
        let excess = self.entries.len().saturating_sub(Self::CAPACITY);
        self.entries.drain(..excess);
    }

    /// The candidate read under `token` for `tab`, if it is still kept.
    pub fn get(&self, token: &str, tab: i64, now_ms: u64) -> Option<&NewCandidate> {
        self.entries
            .iter()
            .find(|entry| entry.token == token && entry.tab == tab && !Self::expired(entry, now_ms))
            .map(|entry| &entry.candidate)
    }

    /// Forgets the reading under `token` (its send was queued).
    pub fn forget(&mut self, token: &str) {
        self.entries.retain(|entry| entry.token != token);
    }

    /// Drops the readings older than [`Readings::MAX_AGE_MS`].
    pub fn prune(&mut self, now_ms: u64) {
        self.entries.retain(|entry| !Self::expired(entry, now_ms));
    }

    fn expired(entry: &KeptReading, now_ms: u64) -> bool {
        now_ms.saturating_sub(entry.read_at_ms) > Self::MAX_AGE_MS
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const T0: u64 = 1_767_225_600_000;

    fn candidate(id: &str) -> NewCandidate {
        NewCandidate {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            external_id: id.into(),
            ..NewCandidate::default()
        }
    }

    #[test]
    fn a_token_names_its_reading_in_its_tab_until_it_expires() {
        let mut readings = Readings::default();
        readings.keep("t1".into(), 4, candidate("1"), T0);
        readings.keep("t2".into(), 5, candidate("2"), T0);
        let found = |readings: &Readings, token, tab, at| {
            readings
                .get(token, tab, at)
                .map(|c: &NewCandidate| c.external_id.clone())
        };
        assert_eq!(found(&readings, "t1", 4, T0 + 1).as_deref(), Some("1"));
        assert_eq!(found(&readings, "t2", 5, T0 + 1).as_deref(), Some("2"));
        // Another tab's token, an unknown token, an expired reading.
        assert_eq!(found(&readings, "t1", 5, T0 + 1), None);
        assert_eq!(found(&readings, "t3", 4, T0 + 1), None);
        assert_eq!(
            found(&readings, "t1", 4, T0 + Readings::MAX_AGE_MS + 1),
            None
        );
        readings.forget("t1");
        assert_eq!(found(&readings, "t1", 4, T0 + 1), None);
        assert_eq!(found(&readings, "t2", 5, T0 + 1).as_deref(), Some("2"));
    }

    #[test]
    fn readings_are_bounded() {
        let mut readings = Readings::default();
        for i in 0..(Readings::CAPACITY + 5) {
            readings.keep(format!("t{i}"), 1, candidate(&i.to_string()), T0 + i as u64);
        }
        assert_eq!(readings.entries.len(), Readings::CAPACITY);
        assert!(readings.get("t0", 1, T0 + 200).is_none());
        assert!(readings.get("t104", 1, T0 + 200).is_some());
        // Old ones go when a new one is kept.
        readings.keep(
            "late".into(),
            1,
            candidate("x"),
            T0 + Readings::MAX_AGE_MS + 500,
        );
        assert_eq!(readings.entries.len(), 1);
        let json = serde_json::to_string(&readings).unwrap();
        assert_eq!(serde_json::from_str::<Readings>(&json).unwrap(), readings);
    }
}
