//! What is said to a local model and read back from it: the prompt (the
//! spec language's reference and the sentence), the repair prompt (the
//! problems `nook check` found), and the spec in a reply. The reply is only
//! ever read as a spec's text; running the model is nook-home's.

use chrono::NaiveDate;

/// The first prompt: the reference, what to answer, and the sentence.
pub fn prompt(reference: &str, sentence: &str, today: NaiveDate) -> String {
    format!(
        "You write app specs for nook, a terminal app. A spec is one RON value: \
         List(...), Tracker(...) or Timer(...), as the reference below describes.\n\
         Answer with exactly one spec in a ```ron block and nothing else. \
         Today is {today}.\n\n\
         === Reference ===\n{reference}\n=== End of reference ===\n\n\
         The app to write: {sentence}\n",
        today = today.format("%Y-%m-%d"),
        sentence = one_line(sentence),
    )
}

/// The prompt after a reply whose spec had problems: the same prompt, the
/// spec given, and the problems, to fix.
pub fn repair(first: &str, spec: Option<&str>, problems: &[String]) -> String {
    let given = match spec {
        Some(s) => format!("Your answer was:\n```ron\n{s}\n```\n"),
        None => "Your answer held no spec in a ```ron block.\n".to_string(),
    };
    format!(
        "{first}\n{given}nook check reported:\n{}\nAnswer again with the whole corrected spec in a ```ron block, and nothing else.\n",
        problems.join("\n")
    )
}

/// The spec in a reply: the first ```ron (or plain ```) block, else the text
/// from the first `List(`, `Tracker(` or `Timer(` to its closing parenthesis.
pub fn extract(reply: &str) -> Option<String> {
    let mut rest = reply;
    while let Some(at) = rest.find("```") {
        let after = &rest[at + 3..];
        let body_start = after.find('\n').map(|n| n + 1)?;
        let info = after[..body_start].trim();
        let body = &after[body_start..];
        let end = body.find("```")?;
        if info.is_empty() || info.eq_ignore_ascii_case("ron") {
            let text = body[..end].trim();
            if !text.is_empty() {
                return Some(text.to_string());
            }
        }
        rest = &body[end + 3..];
    }
    let start = ["List(", "Tracker(", "Timer("]
        .iter()
        .filter_map(|k| reply.find(k))
        .min()?;
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in reply[start..].char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(reply[start..start + i + 1].to_string());
                }
            }
            _ => {}
        }
    }
    None
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fenced_block_or_a_bare_spec_is_found() {
        let reply = "Sure!\n```ron\nTracker(name: \"Yoga\", goal: Weekly(3))\n```\nEnjoy.";
        assert_eq!(
            extract(reply).as_deref(),
            Some("Tracker(name: \"Yoga\", goal: Weekly(3))")
        );
        let bare = "Here: Timer(name: \"Tea (\\\")\", phases: [(length: \"4m\")]) done";
        assert_eq!(
            extract(bare).as_deref(),
            Some("Timer(name: \"Tea (\\\")\", phases: [(length: \"4m\")])")
        );
        assert_eq!(extract("no idea, sorry"), None);
        assert_eq!(extract("```python\nprint(1)\n```"), None);
    }

    #[test]
    fn the_repair_names_the_problems() {
        let p = repair("FIRST", Some("List()"), &["x.ron:1:1: 'name' is required".into()]);
        assert!(p.starts_with("FIRST") && p.contains("List()") && p.contains("'name' is required"));
    }
}
