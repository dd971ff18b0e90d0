//! Case folding for matching page text against the extractor's keywords.
//!
//! Every keyword the extractor compares with (labels, statuses, menu items,
//! name particles, link labels) is lowercase ASCII or Latin-1 ("résumé"), so
//! folding those two ranges is all matching needs. `str::to_lowercase` would
//! do every script, and ship Unicode's 13 KB case table in the content
//! script for it (README "Performance"). Text that is shown or sent is never
//! folded: only compared.

/// `c` in lowercase when it is an ASCII or Latin-1 capital, else `c`.
pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        // À..Þ are the capitals of à..þ, 32 code points up, except ×.
        'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }
}

/// `text` with [`fold_char`] applied to every character.
pub fn fold(text: &str) -> String {
    match text.is_ascii() {
        true => text.to_ascii_lowercase(),
        false => text.chars().map(fold_char).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_ascii_and_latin1_capitals_only() {
        assert_eq!(fold("RÉSUMÉ / CV"), "résumé / cv");
        assert_eq!(fold("ÀÞ×Ÿ"), "àþ×Ÿ");
        assert_eq!(fold("ΣΑΣ Δ"), "ΣΑΣ Δ");
        assert_eq!(fold("Copy Link"), "copy link");
    }

    #[test]
    fn agrees_with_unicode_lowercase_on_its_ranges() {
        for c in (0u32..=0xFF).filter_map(char::from_u32) {
            let unicode: String = c.to_lowercase().collect();
            assert_eq!(fold_char(c).to_string(), unicode, "{c:?}");
        }
    }
}
