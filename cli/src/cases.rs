//! The troubleshooting lab's case manifest, `lessons/05-troubleshooting/cases.toml`: one entry
//! per case (number, slug, title, the book's page and anchor, Docker or Kubernetes, what the
//! fixed variant does, the hint), as rustlings keeps its exercises in one `info.toml`.
//!
//! Everything that needs the list of cases reads it here: `workbook trouble` (list, start,
//! check, hint, reset), the lab's tests (`lessons/05-troubleshooting/tests`), scripts/troubleshoot
//! (through `workbook trouble cases`, see [`tsv`]) and the doctor's chapter references
//! ([`reference`]). The manifest is compiled into the binary, so a case list never depends on
//! where the binary runs; a test checks each title against its heading in the book.

use std::{path::PathBuf, sync::OnceLock};

use serde::Deserialize;

/// The manifest's text, as compiled in.
pub const MANIFEST: &str = include_str!("../../lessons/05-troubleshooting/cases.toml");
/// Where the manifest is, relative to the repository root.
pub const MANIFEST_PATH: &str = "lessons/05-troubleshooting/cases.toml";
/// Where the cases' folders are, relative to the repository root.
pub const CASES_DIR: &str = "lessons/05-troubleshooting/cases";
/// The chapter's pages, relative to the repository root.
pub const BOOK_DIR: &str = "book/src/05-troubleshooting";

/// Docker or Kubernetes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A Dockerfile, built and run.
    Docker,
    /// Manifests for a cluster.
    Kubernetes,
}

impl Kind {
    /// `Docker` or `Kubernetes`, as the book's page titles say it.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Docker => "Docker",
            Kind::Kubernetes => "Kubernetes",
        }
    }
}

/// What the fixed variant does, as the lab's tests and `workbook trouble check` check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// The image answers a prediction through its published port 8000.
    Serves,
    /// `docker run --rm IMAGE` exits 0.
    RunsToSuccess,
    /// `workbook doctor` finds nothing in the manifests (a cluster shows the rest).
    DoctorClean,
}

/// One case of the lab.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub number: u32,
    pub slug: String,
    pub kind: Kind,
    /// The book's heading after `Case NN: ` (Markdown: may hold `code`).
    pub title: String,
    /// The Japanese book's heading after `ケースNN：`.
    pub title_ja: String,
    /// The page of book/src/05-troubleshooting holding the case's section.
    pub page: String,
    /// The section's anchor on that page (the English heading's id, which the Japanese book
    /// keeps).
    pub anchor: String,
    pub expect: Expect,
    /// For [`Expect::Serves`]: the largest image that passes, in megabytes (10^6 bytes).
    #[serde(default)]
    pub max_image_mb: Option<f64>,
    pub hint: String,
    pub hint_ja: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format_version: u32,
    cases: Vec<Case>,
}

impl Case {
    /// `04-listening-on-localhost`: the case's folder, and the learner's exercise folder.
    pub fn name(&self) -> String {
        format!("{:02}-{}", self.number, self.slug)
    }

    /// The case's folder, relative to the repository root.
    pub fn dir(&self) -> PathBuf {
        PathBuf::from(CASES_DIR).join(self.name())
    }

    /// A variant's folder (`broken` or `fixed`), relative to the repository root.
    pub fn variant(&self, variant: &str) -> PathBuf {
        self.dir().join(variant)
    }

    pub fn is_docker(&self) -> bool {
        self.kind == Kind::Docker
    }

    /// The title as plain text (no Markdown backticks), for a terminal.
    pub fn plain_title(&self) -> String {
        self.title.replace('`', "")
    }

    /// The Japanese title as plain text.
    pub fn plain_title_ja(&self) -> String {
        self.title_ja.replace('`', "")
    }

    /// `book/src/05-troubleshooting/docker.md#case-01-...`: where the book teaches the case.
    pub fn book_link(&self) -> String {
        format!("{BOOK_DIR}/{}#{}", self.page, self.anchor)
    }

    /// The case's heading in the book, as written there.
    pub fn heading(&self) -> String {
        format!("## Case {:02}: {}", self.number, self.title)
    }
}

/// Every case, in order of number. The manifest is checked by the tests; a manifest that does
/// not parse is a bug of the build, not of the learner's input.
pub fn all() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| parse(MANIFEST).unwrap_or_else(|e| panic!("{MANIFEST_PATH}: {e}")))
}

/// Parses a manifest's text: the cases, or what is wrong with it (an unknown field, numbers
/// out of order, two cases with one number).
pub fn parse(text: &str) -> Result<Vec<Case>, String> {
    let manifest: Manifest = toml::from_str(text).map_err(|e| e.to_string())?;
    if manifest.format_version != 1 {
        return Err(format!(
            "format_version {} is not 1",
            manifest.format_version
        ));
    }
    let mut previous = 0;
    for case in &manifest.cases {
        if case.number <= previous {
            return Err(format!(
                "case {} comes after case {previous}: number the cases in order, once each",
                case.number
            ));
        }
        previous = case.number;
    }
    Ok(manifest.cases)
}

/// The case with this number.
pub fn get(number: u32) -> Option<&'static Case> {
    all().iter().find(|c| c.number == number)
}

/// The case a learner names: `4`, `04` or `04-listening-on-localhost`.
pub fn find(arg: &str) -> Option<&'static Case> {
    match arg.parse::<u32>() {
        Ok(n) => get(n),
        Err(_) => all().iter().find(|c| c.name() == arg),
    }
}

/// The cases as tab-separated lines for shell scripts: `number name kind expect`.
pub fn tsv() -> String {
    all()
        .iter()
        .map(|c| {
            let kind = match c.kind {
                Kind::Docker => "docker",
                Kind::Kubernetes => "kubernetes",
            };
            let expect = match c.expect {
                Expect::Serves => "serves",
                Expect::RunsToSuccess => "runs-to-success",
                Expect::DoctorClean => "doctor-clean",
            };
            format!("{:02}\t{}\t{kind}\t{expect}\n", c.number, c.name())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_parses_and_numbers_its_cases_in_order() {
        let cases = all();
        assert!(!cases.is_empty());
        assert_eq!(find("4"), find("04"));
        assert_eq!(
            find("04").map(Case::name),
            Some("04-listening-on-localhost".into())
        );
        assert!(parse("format_version = 1\n[[cases]]\nnumber = 1\n").is_err());
        assert!(parse("format_version = 2\ncases = []\n").is_err());
    }
}
