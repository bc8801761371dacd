//! New apps: the gallery of templates (a blank of each kind, and every
//! bundled app), and turning one into a user's spec with its own name and id.
//! The template's text is kept as written, comments included: only the
//! `name:` and `id:` values change.

use super::KindTag;
use super::rewrite;

#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// What `--template` takes: a kind's word ("list") for its blank, or a
    /// bundled app's file stem.
    pub key: String,
    /// What the gallery shows.
    pub title: String,
    pub kind: KindTag,
    pub about: String,
    pub text: String,
}

const BLANK_LIST: &str = "// A list. Add typed fields to make it a small table, e.g.
// fields: { \"title\": Text(required: true), \"done_on\": Date() },
List(
    name: \"New list\",
    id: \"new-list\",
)
";

const BLANK_TIMER: &str = "// A countdown. Leave out phases for a stopwatch; add rounds: 4 for cycles.
Timer(
    name: \"New timer\",
    id: \"new-timer\",
    phases: [(name: \"Focus\", length: \"25m\")],
)
";

const BLANK_TRACKER: &str =
    "// A yes/no habit. Add unit: \"glasses\" to count an amount, goal: Daily(8) for a target.
Tracker(
    name: \"New tracker\",
    id: \"new-tracker\",
)
";

/// Every template: the three blanks first, then the bundled apps by file name.
pub fn gallery() -> Vec<Template> {
    let blanks = [
        (
            KindTag::List,
            "Blank list",
            "Lines to tick off; add fields for a table",
            BLANK_LIST,
        ),
        (
            KindTag::Tracker,
            "Blank tracker",
            "A habit or an amount per day",
            BLANK_TRACKER,
        ),
        (
            KindTag::Timer,
            "Blank timer",
            "A countdown, cycles or a stopwatch",
            BLANK_TIMER,
        ),
    ];
    let mut out: Vec<Template> = blanks
        .into_iter()
        .map(|(kind, title, about, text)| Template {
            key: kind.word().into(),
            title: title.into(),
            kind,
            about: about.into(),
            text: text.into(),
        })
        .collect();
    for (file, text) in crate::bundled::APPS {
        let stem = file.trim_end_matches(".ron");
        // Bundled specs are checked by the test suite, so this never skips one.
        let Ok(spec) = super::load(stem, text.as_bytes()) else {
            continue;
        };
        out.push(Template {
            key: stem.into(),
            title: format!(
                "{}{}",
                spec.icon.map(|i| format!("{i} ")).unwrap_or_default(),
                spec.name
            ),
            kind: spec.kind.tag(),
            about: spec.description.unwrap_or_default(),
            text: (*text).into(),
        });
    }
    out
}

/// The template `key` names, or an error listing the keys there are.
pub fn find(key: &str) -> Result<Template, String> {
    let all = gallery();
    if let Some(t) = all.iter().find(|t| t.key.eq_ignore_ascii_case(key)) {
        return Ok(t.clone());
    }
    let keys: Vec<&str> = all.iter().map(|t| t.key.as_str()).collect();
    let hint = super::load::closest(key, &keys)
        .map(|k| format!("did you mean {k:?}? "))
        .unwrap_or_default();
    Err(format!(
        "no template called {key:?}; {hint}templates: {}",
        keys.join(", ")
    ))
}

/// The first of `base`, `base-2`, `base-3`, ... that `taken` does not hold.
pub fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// `text` with its `name:` and `id:` set; an `id:` is added when it has none.
pub fn instantiate(text: &str, name: &str, id: &str) -> Result<String, String> {
    let unreadable = || "the template is not an app spec that parses".to_string();
    let has_id = std::cell::Cell::new(false);
    let out = rewrite::set_strings(text, |key, _| match key {
        "name" => Some(name.to_string()),
        "id" => {
            has_id.set(true);
            Some(id.to_string())
        }
        _ => None,
    })
    .ok_or_else(unreadable)?;
    if has_id.get() {
        Ok(out)
    } else {
        rewrite::add_id_before_name(&out, id).ok_or_else(|| "the template has no name: key".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_makes_a_valid_spec_with_the_new_name_and_id() {
        for t in gallery() {
            let text = instantiate(&t.text, "My \"own\" app", "my-app").unwrap();
            let spec = crate::spec::load("x", text.as_bytes()).unwrap_or_else(|e| panic!("{}: {e:?}", t.key));
            assert_eq!(spec.id, "my-app", "{}", t.key);
            assert_eq!(spec.name, "My \"own\" app", "{}", t.key);
            assert_eq!(spec.kind.tag(), t.kind);
        }
    }

    #[test]
    fn comments_and_layout_stay() {
        let text = "// mine\nList(\n    // the name\n    name: \"Old\",\n    fields: {},\n)\n";
        let out = instantiate(text, "Books", "books").unwrap();
        assert_eq!(
            out,
            "// mine\nList(\n    // the name\n    id: \"books\",\n    name: \"Books\",\n    fields: {},\n)\n"
        );
        let one_line = "Tracker(name: \"Wäter 💧\", unit: \"l\")";
        assert_eq!(
            instantiate(one_line, "Tea", "tea").unwrap(),
            "Tracker(id: \"tea\", name: \"Tea\", unit: \"l\")"
        );
    }

    #[test]
    fn fresh_ids_skip_taken_ones() {
        let taken = ["books", "books-2"];
        assert_eq!(fresh_id("books", |id| taken.contains(&id)), "books-3");
        assert_eq!(fresh_id("films", |id| taken.contains(&id)), "films");
    }

    #[test]
    fn unknown_template_names_the_choices() {
        let e = find("wter").unwrap_err();
        assert!(e.contains("did you mean \"water\"?"), "{e}");
        assert!(e.contains("list, tracker, timer"), "{e}");
    }
}
