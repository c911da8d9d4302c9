//! The CLI's messages in English and Japanese: Fluent catalogues (`cli/locales/{en,ja}/*.ftl`)
//! compiled into the binary by `fluent-templates`' `static_loader!` (nothing to install at run
//! time), the language chosen from the locale as POSIX defines it.
//!
//! # Why Fluent, not gettext
//!
//! The book is translated with gettext (`book/po/ja.po`, through mdbook-i18n-helpers), and a
//! gettext catalogue for the CLI would share its tools. But the gettext crates either bind the C
//! libintl and look for compiled `.mo` files in an install path at run time (`gettext-rs`), or
//! need `.po` files compiled to `.mo` by `msgfmt` before `cargo build` (`gettext`): both add a
//! step a learner's `cargo run` does not have. Fluent's `.ftl` files are read at compile time by
//! a macro, so the binary carries both languages and `cargo build` is the whole build; and a
//! Fluent message holds its own plural rules (`{ $count -> [one] problem *[other] problems }`
//! in English, none in Japanese), which gettext does only for numbers at the end of a message.
//! `i18n-embed` builds on the same Fluent crates with a `LanguageLoader` meant for
//! applications that also embed assets and follow the desktop's language; for one binary with
//! two languages, `fluent-templates` is that part alone.
//!
//! # The language
//!
//! The first non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG` (POSIX's precedence for messages)
//! names the locale; `ja`, `ja_JP`, `ja_JP.UTF-8` (any `ja...`) give Japanese, anything else
//! (including `C` and `POSIX`) English. Outputs the book shows are recorded with `LANG=C`
//! (scripts/troubleshoot, scripts/run-commands), so they stay in English as the tools print them.
//!
//! # Giving a message an id
//!
//! A message is looked up by id with [`t!`](crate::t): `t!("trouble-kept", kept = path)`, its
//! arguments named as in the catalogue (`{ $kept }`). To convert a rule's message (in doctor,
//! lint or live): add `rule-id = English text with { $placeables }` to `locales/en/main.ftl`
//! (a rule's ids start with its module, e.g. `doctor-ort-missing`, `doctor-ort-missing-fix`),
//! the Japanese to `locales/ja/main.ftl` under the same id, and build the message with `t!`
//! where the rule writes it. A test fails while an English id has no Japanese one, or an id
//! used in the code has no English one ([`message`] panics in tests, and returns the id itself
//! otherwise).

use std::{borrow::Cow, collections::HashMap, sync::OnceLock};

use fluent_templates::{
    LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid, static_loader,
};

use crate::Severity;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: the text goes to a terminal.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static JA: LanguageIdentifier = langid!("ja");

/// The languages the CLI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }

    /// The language of a locale's variables, as POSIX orders them for messages: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`; the first that is set and not empty decides.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .unwrap_or("C");
        let language = locale.split(['_', '.', '@']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The language of this process's locale.
    pub fn from_env() -> Lang {
        let var = |name| std::env::var(name).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }
}

/// The language of this process (read once).
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(Lang::from_env)
}

/// A message's argument: text, or a number (which plural rules can select on).
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
macro_rules! number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Number(v as f64)
            }
        }
    )*};
}
number!(u8, u32, u64, usize, i32, i64, f64);

/// The message `id` in this process's language, with its arguments.
pub fn message(id: &str, args: &[(&'static str, Arg)]) -> String {
    message_in(lang(), id, args)
}

/// The message `id` in the given language. An id the catalogue lacks is a bug: a panic in
/// debug builds (every test), the id itself in a release.
pub fn message_in(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    match LOCALES.try_lookup_with_args(lang.id(), id, &args) {
        Some(text) => text,
        None if cfg!(debug_assertions) => panic!("no message {id:?} in cli/locales/en/main.ftl"),
        None => id.to_owned(),
    }
}

/// `t!("id")`, `t!("id", name = value, ...)`: the message in the locale's language.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($key:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($id, &[$((stringify!($key), $crate::i18n::Arg::from($value))),+])
    };
}

/// A severity's word: `error`, `warning`, `hint` (エラー, 警告, ヒント).
pub fn severity(severity: Severity) -> String {
    match severity {
        Severity::Error => t!("severity-error"),
        Severity::Warning => t!("severity-warning"),
        Severity::Hint => t!("severity-hint"),
    }
}

/// A diagnosis as the doctor prints it: `SEVERITY: LOCATION: PROBLEM`, then `  fix: ...` and
/// `  read: ...`, the framing words in the locale's language.
pub fn diagnosis(
    severity: Severity,
    location: &str,
    problem: &str,
    fix: &str,
    read: &str,
) -> String {
    format!(
        "{}: {location}: {problem}\n  {}: {fix}\n  {}: {read}",
        self::severity(severity),
        t!("frame-fix"),
        t!("frame-read"),
    )
}

/// The doctor's last line: what it looked at, and how many findings of each severity.
/// `live` is the part about a cluster (empty without one), already in the locale's language.
pub fn doctor_summary(
    dockerfiles: usize,
    manifests: usize,
    live: &str,
    images: usize,
    errors: usize,
    warnings: usize,
    hints: usize,
) -> String {
    let hints = if hints > 0 {
        t!("doctor-summary-hints", hints = hints)
    } else {
        String::new()
    };
    t!(
        "doctor-summary",
        dockerfiles = dockerfiles,
        manifests = manifests,
        live = live,
        images = images,
        errors = errors,
        warnings = warnings,
        hints = hints,
    )
}

/// How many columns a text takes in a terminal: East Asian wide characters take two.
pub fn width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The text padded with spaces to `columns` columns (as `{:<N}` does for ASCII).
pub fn pad(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN_FTL: &str = include_str!("../locales/en/main.ftl");
    const JA_FTL: &str = include_str!("../locales/ja/main.ftl");

    fn ids(ftl: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = ftl
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
            .collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn every_english_message_has_a_japanese_one_and_no_other() {
        let (en, ja) = (ids(EN_FTL), ids(JA_FTL));
        assert!(en.len() > 40, "{en:?}");
        let missing: Vec<_> = en.iter().filter(|id| !ja.contains(id)).collect();
        let extra: Vec<_> = ja.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing.is_empty(), "no Japanese for {missing:?}");
        assert!(extra.is_empty(), "Japanese ids with no English: {extra:?}");
        // Each one parses and resolves in both languages, given every variable either uses.
        let variables: HashMap<Cow<'static, str>, FluentValue> = [EN_FTL, JA_FTL]
            .iter()
            .flat_map(|ftl| ftl.split('$').skip(1))
            .map(|rest| {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                (Cow::Owned(name), FluentValue::from(1))
            })
            .collect();
        for id in en {
            for lang in [Lang::En, Lang::Ja] {
                let text = LOCALES.try_lookup_with_args(lang.id(), id, &variables);
                assert!(text.is_some_and(|t| !t.is_empty()), "{id} in {lang:?}");
            }
        }
    }

    /// Each message id of a catalogue with the variables its text uses (in any variant).
    fn variables(
        ftl: &str,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn inline(e: &InlineExpression<&str>, out: &mut std::collections::BTreeSet<String>) {
            match e {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_owned());
                }
                InlineExpression::Placeable { expression } => expression_vars(expression, out),
                _ => {}
            }
        }
        fn expression_vars(e: &Expression<&str>, out: &mut std::collections::BTreeSet<String>) {
            match e {
                Expression::Inline(e) => inline(e, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern(&v.value, out);
                    }
                }
            }
        }
        fn pattern(p: &Pattern<&str>, out: &mut std::collections::BTreeSet<String>) {
            for element in &p.elements {
                if let PatternElement::Placeable { expression } = element {
                    expression_vars(expression, out);
                }
            }
        }
        let resource = fluent_syntax::parser::parse(ftl)
            .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
        let mut messages = std::collections::BTreeMap::new();
        for entry in &resource.body {
            if let Entry::Message(m) = entry {
                let mut vars = std::collections::BTreeSet::new();
                if let Some(value) = &m.value {
                    pattern(value, &mut vars);
                }
                let previous = messages.insert(m.id.name.to_owned(), vars);
                assert!(previous.is_none(), "{} is defined twice", m.id.name);
            }
        }
        messages
    }

    #[test]
    fn both_catalogues_parse_and_each_message_has_the_same_variables_in_both() {
        let (en, ja) = (variables(EN_FTL), variables(JA_FTL));
        assert_eq!(
            en.keys().collect::<Vec<_>>(),
            ja.keys().collect::<Vec<_>>(),
            "the two catalogues have different ids"
        );
        for (id, vars) in &en {
            assert_eq!(
                vars, &ja[id],
                "{id}: English and Japanese use different variables"
            );
        }
    }

    #[test]
    fn every_id_the_code_uses_is_in_the_catalogue() {
        let en = variables(EN_FTL);
        let mut missing = Vec::new();
        let mut pending = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let pieces: Vec<&str> = text.split("t!(\"").collect();
            for (before, rest) in pieces.iter().zip(&pieces[1..]) {
                // `t!(`, not `format!(` or `print!(`.
                if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let id = rest.split('"').next().unwrap_or_default();
                if id.contains('-') && !en.contains_key(id) {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "ids with no message: {missing:?}");
    }

    #[test]
    fn the_locale_is_read_in_posix_order() {
        use Lang::*;
        assert_eq!(Lang::from_locale(None, None, Some("ja_JP.UTF-8")), Ja);
        assert_eq!(Lang::from_locale(None, None, Some("C")), En);
        assert_eq!(Lang::from_locale(None, None, None), En);
        assert_eq!(Lang::from_locale(Some("C"), None, Some("ja_JP.UTF-8")), En);
        assert_eq!(
            Lang::from_locale(Some(""), Some("ja_JP.UTF-8"), Some("C")),
            Ja
        );
        assert_eq!(
            Lang::from_locale(None, Some("en_US.UTF-8"), Some("ja_JP.UTF-8")),
            En
        );
        assert_eq!(Lang::from_locale(None, None, Some("ja")), Ja);
        assert_eq!(Lang::from_locale(None, None, Some("jam_JM")), En);
    }

    #[test]
    fn plurals_follow_each_language() {
        let one = [("count", Arg::from(1usize))];
        let two = [("count", Arg::from(2usize))];
        assert_eq!(
            message_in(Lang::En, "trouble-other-problems", &one),
            "the doctor finds 1 other problem (the fixed variant has none)"
        );
        assert_eq!(
            message_in(Lang::En, "trouble-other-problems", &two),
            "the doctor finds 2 other problems (the fixed variant has none)"
        );
        assert!(message_in(Lang::Ja, "trouble-other-problems", &two).contains("2 件"));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("fixed"), 5);
        assert_eq!(width("直った"), 6);
        assert_eq!(pad("直った", 12).len(), "直った".len() + 6);
    }
}
