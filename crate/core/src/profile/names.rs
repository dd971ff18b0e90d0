//! Splitting a displayed name into Greenhouse's first and last name.
//!
//! The rule: `first_name + " " + last_name` gives back the displayed name
//! (whitespace normalised), minus the parts listed in
//! [`PersonName::dropped`]: leading honorifics ("Dr."), trailing credentials
//! ("PhD", ", MD") and leading/trailing tokens with no letter in them (an
//! emoji after the name). Those are dropped because Greenhouse would show
//! them as part of the surname; the mapping puts them in the notes instead.
//! Generational suffixes ("Jr.", "III") are part of the name and stay in the
//! last name. Surname particles ("van der", "de la", "bin") belong to the last
//! name. Everything before the surname is the first name (so middle names go
//! with it). A single-word name has no last name: one is never invented.
//!
//! This module never guesses a name order: "王 小明" splits as written.

use crate::page::case::fold;
use crate::page::normalize_space;

/// A displayed name split for Greenhouse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// Given names (all words before the surname). Empty only when the
    /// displayed name had no word.
    pub first_name: String,
    /// Surname with its particles and generational suffix; `None` for a
    /// single-word name.
    pub last_name: Option<String>,
    /// Honorifics, credentials and letterless tokens left out of both.
    pub dropped: Vec<String>,
}

/// Surname particles: a word in this list right before the surname belongs
/// to the surname (compared in lowercase).
const PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "dos", "das", "del", "della", "delle", "dei", "der", "den", "dem",
    "van", "von", "vom", "zu", "zum", "zur", "du", "des", "le", "la", "les", "lo", "bin", "binti",
    "bint", "ibn", "ben", "bat", "al", "el", "ter", "ten", "af", "av", "st.", "saint", "mac", "y",
];

/// Generational suffixes, kept in the last name.
const GENERATIONAL: &[&str] = &["jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "4th"];

/// Credentials recognised anywhere at the end of a name (written like this,
/// dots ignored).
const CREDENTIALS_ALWAYS: &[&str] = &[
    "PhD", "PHD", "MD", "MBA", "DDS", "DMD", "CPA", "CFA", "PMP", "DVM", "EdD", "PsyD", "DPhil",
    "MPH", "Esq", "JD", "LLM", "MSc", "MFA", "MEng", "FRCS",
];

/// Credentials recognised only after a comma ("Jane Doe, MA"): without the
/// comma they may be a surname ("Yo-Yo Ma", "Anh Do").
const CREDENTIALS_AFTER_COMMA: &[&str] = &[
    "MA", "MS", "BA", "BS", "BSc", "RN", "PE", "DO", "LCSW", "NP", "PA",
];

/// Honorifics dropped from the start.
const HONORIFICS: &[&str] = &["dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"];

/// Splits a displayed name. Never fails and never panics.
pub fn split_name(display: &str) -> PersonName {
    let normalized = normalize_space(display);
    let mut tokens: Vec<String> = normalized
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let mut dropped_front = Vec::new();
    let mut dropped_back = Vec::new();

    // Leading honorifics and letterless tokens.
    while tokens.len() > 1 {
        let t = &tokens[0];
        let key = fold(t.trim_end_matches('.'));
        match HONORIFICS.contains(&key.as_str()) || !has_letter(t) {
            true => dropped_front.push(tokens.remove(0)),
            false => break,
        }
    }
    // Trailing letterless tokens and credentials.
    while tokens.len() > 1 {
        let n = tokens.len();
        let t = &tokens[n - 1];
        let after_comma = tokens[n - 2].ends_with(',');
        let key: String = t.chars().filter(|c| !matches!(c, '.' | ',')).collect();
        let credential = CREDENTIALS_ALWAYS.contains(&key.as_str())
            || (after_comma && CREDENTIALS_AFTER_COMMA.contains(&key.as_str()));
        match credential || !has_letter(t) {
            true => {
                if let Some(t) = tokens.pop() {
                    dropped_back.push(t.trim_end_matches(',').to_string());
                }
                // The comma before a dropped credential goes with it.
                if credential {
                    if let Some(prev) = tokens.last_mut() {
                        if prev.ends_with(',') {
                            prev.pop();
                        }
                    }
                }
            }
            false => break,
        }
    }
    dropped_back.reverse();
    let mut dropped = dropped_front;
    dropped.extend(dropped_back);

    let (first_name, last_name) = match tokens.len() {
        0 => (String::new(), None),
        1 => (tokens[0].clone(), None),
        n => {
            let suffix_key = tokens[n - 1].trim_end_matches(['.', ',']);
            let suffix_key = fold(suffix_key);
            let has_suffix = n > 2 && GENERATIONAL.contains(&suffix_key.as_str());
            let mut start = match has_suffix {
                true => n - 2,
                false => n - 1,
            };
            while start > 1 && PARTICLES.contains(&fold(&tokens[start - 1]).as_str()) {
                start -= 1;
            }
            (tokens[..start].join(" "), Some(tokens[start..].join(" ")))
        }
    };
    PersonName {
        first_name,
        last_name,
        dropped,
    }
}

fn has_letter(token: &str) -> bool {
    token.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(display: &str) -> (String, Option<String>, Vec<String>) {
        let name = split_name(display);
        (name.first_name, name.last_name, name.dropped)
    }

    #[test]
    fn splits_names_table() {
        let cases: &[(&str, &str, Option<&str>, &[&str])] = &[
            ("Ada Lovelace", "Ada", Some("Lovelace"), &[]),
            ("  Ada \n Lovelace ", "Ada", Some("Lovelace"), &[]),
            ("Mary Ann Smith", "Mary Ann", Some("Smith"), &[]),
            (
                "Juan Carlos de la Cruz",
                "Juan Carlos",
                Some("de la Cruz"),
                &[],
            ),
            ("Ludwig van Beethoven", "Ludwig", Some("van Beethoven"), &[]),
            ("Vincent Van Gogh", "Vincent", Some("Van Gogh"), &[]),
            (
                "Pieter van der Berg III",
                "Pieter",
                Some("van der Berg III"),
                &[],
            ),
            ("Otto von Bismarck", "Otto", Some("von Bismarck"), &[]),
            ("Leonardo da Vinci", "Leonardo", Some("da Vinci"), &[]),
            ("Anh Do", "Anh", Some("Do"), &[]),
            ("Yo-Yo Ma", "Yo-Yo", Some("Ma"), &[]),
            (
                "Martin Luther King Jr.",
                "Martin Luther",
                Some("King Jr."),
                &[],
            ),
            (
                "Martin Luther King, Jr.",
                "Martin Luther",
                Some("King, Jr."),
                &[],
            ),
            ("Sammy Davis Sr", "Sammy", Some("Davis Sr"), &[]),
            ("Jane Doe, PhD", "Jane", Some("Doe"), &["PhD"]),
            ("Jane Doe PhD", "Jane", Some("Doe"), &["PhD"]),
            (
                "Jane Doe, M.D., Ph.D.",
                "Jane",
                Some("Doe"),
                &["M.D.", "Ph.D."],
            ),
            ("Jane Doe, MA", "Jane", Some("Doe"), &["MA"]),
            (
                "Juan de la Cruz, Jr., PhD",
                "Juan",
                Some("de la Cruz, Jr."),
                &["PhD"],
            ),
            ("Dr. Jane Doe", "Jane", Some("Doe"), &["Dr."]),
            ("Mohammed bin Salman", "Mohammed", Some("bin Salman"), &[]),
            ("Omar al Farsi", "Omar", Some("al Farsi"), &[]),
            ("Omar al-Farsi", "Omar", Some("al-Farsi"), &[]),
            ("Jean du Pont", "Jean", Some("du Pont"), &[]),
            ("Marie Le Pen", "Marie", Some("Le Pen"), &[]),
            ("Zendaya", "Zendaya", None, &[]),
            ("Zendaya 🌟", "Zendaya", None, &["🌟"]),
            ("Zoë Ñúñez-Ibáñez 🚀", "Zoë", Some("Ñúñez-Ibáñez"), &["🚀"]),
            ("王 小明", "王", Some("小明"), &[]),
            ("山田太郎", "山田太郎", None, &[]),
            ("De Niro", "De", Some("Niro"), &[]),
            ("Prince Jr.", "Prince", Some("Jr."), &[]),
            ("", "", None, &[]),
            ("   ", "", None, &[]),
            ("🚀", "🚀", None, &[]),
        ];
        for (display, first, last, dropped) in cases {
            let expected = (
                first.to_string(),
                last.map(str::to_string),
                dropped.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            );
            assert_eq!(split(display), expected, "{display:?}");
        }
    }

    #[test]
    fn first_and_last_give_back_the_name_when_nothing_is_dropped() {
        for display in [
            "Ada Lovelace",
            "Juan Carlos de la Cruz",
            "Martin Luther King, Jr.",
            "Zendaya",
        ] {
            let name = split_name(display);
            let joined = match &name.last_name {
                Some(last) => format!("{} {}", name.first_name, last),
                None => name.first_name.clone(),
            };
            assert_eq!(joined, display);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_and_keeps_every_word(display in "\\PC{0,60}") {
                let name = split_name(&display);
                let normalized = normalize_space(&display);
                let mut words: Vec<String> = name.first_name.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
                if let Some(last) = &name.last_name {
                    prop_assert!(!last.is_empty());
                    prop_assert!(!name.first_name.is_empty());
                    words.extend(last.split(' ').map(str::to_string));
                }
                // Every kept word appears in the displayed name, in order.
                let mut rest = normalized.as_str();
                for word in &words {
                    let bare = word.trim_end_matches(',');
                    match rest.find(bare) {
                        Some(i) => rest = &rest[i + bare.len()..],
                        None => prop_assert!(false, "{word:?} not in {normalized:?}"),
                    }
                }
                if name.dropped.is_empty() {
                    let joined = match &name.last_name {
                        Some(last) => format!("{} {}", name.first_name, last),
                        None => name.first_name.clone(),
                    };
                    prop_assert_eq!(joined, normalized);
                }
            }

            #[test]
            fn two_plain_words_split_in_two(first in "[A-Z][a-z]{1,10}", last in "[A-Z][a-z]{2,10}") {
                // Honorifics ("Mr") and credentials ("Esq") are dropped by design.
                prop_assume!(!HONORIFICS.contains(&first.to_lowercase().as_str()));
                prop_assume!(!CREDENTIALS_ALWAYS.contains(&last.as_str()));
                let name = split_name(&format!("{first} {last}"));
                prop_assert_eq!(name.first_name, first);
                prop_assert_eq!(name.last_name, Some(last));
            }
        }
    }
}
