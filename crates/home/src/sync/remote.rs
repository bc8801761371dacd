//! Which remotes nook syncs with: the URLs and paths git users expect
//! (https://, ssh://, git://, file://, user@host:path, a folder), never a
//! transport that runs a program (`ext::`, `fd::`, any `helper::`) or an
//! argument git would read as an option.

/// What nook suggests instead.
pub const KINDS: &str = "use an https://, ssh://, git:// or file:// URL, user@host:path, or a folder";

/// Schemes of `scheme://` URLs git handles itself.
const SCHEMES: &[&str] = &["https", "http", "ssh", "git+ssh", "ssh+git", "git", "file"];

/// Why `url` is not a remote nook syncs with, or Ok.
pub fn check(url: &str) -> Result<(), String> {
    if url.trim().is_empty() {
        return Err("is empty".into());
    }
    if url.starts_with('-') {
        return Err("starts with '-', which git would read as an option".into());
    }
    if url.chars().any(char::is_control) {
        return Err("holds a control character".into());
    }
    // git's own rule: a scheme-like word before "::" names a remote helper.
    let word = scheme_word(url);
    if let Some(name) = word.and_then(|w| url[w.len()..].starts_with("::").then_some(w)) {
        return Err(match name {
            "ext" | "fd" => format!("uses git's \"{name}::\" transport, which runs a program"),
            _ => format!("uses the \"{name}::\" remote helper, which nook does not run"),
        });
    }
    let host = if let Some(scheme) = word.filter(|w| url[w.len()..].starts_with("://")) {
        if !SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            return Err(format!(
                "uses the \"{scheme}://\" transport, which nook does not support"
            ));
        }
        let rest = &url[scheme.len() + 3..];
        rest.split(['/', ':']).next().unwrap_or("")
    } else {
        match url.find(':') {
            // user@host:path, as git reads it (a '/' before the ':' makes it a path).
            Some(colon) if !url[..colon].contains('/') => &url[..colon],
            _ => return Ok(()),
        }
    };
    let (user, host) = host.rsplit_once('@').unwrap_or(("", host));
    if user.starts_with('-') || host.starts_with('-') {
        return Err("names a host or user that starts with '-', which ssh would read as an option".into());
    }
    Ok(())
}

/// The leading `[A-Za-z][A-Za-z0-9+.-]*` of `url`, if any.
fn scheme_word(url: &str) -> Option<&str> {
    let end = url
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || "+.-".contains(c)))))
        .map_or(url.len(), |(i, _)| i);
    (end > 0).then(|| &url[..end])
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn what_git_users_expect_is_accepted() {
        for ok in [
            "https://example.com/me/apps.git",
            "http://example.com/apps",
            "ssh://me@example.com:22/apps.git",
            "git+ssh://example.com/apps",
            "git://127.0.0.1:9418/apps",
            "file:///srv/apps.git",
            "me@example.com:apps.git",
            "example.com:apps",
            "/srv/apps.git",
            "../apps.git",
            "apps.git",
            "./a:b",
            "C:/x",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn programs_options_and_other_transports_are_refused() {
        for (bad, why) in [
            ("ext::sh -c touch% x", "\"ext::\" transport, which runs a program"),
            ("fd::3", "\"fd::\" transport"),
            ("gcrypt::rsync://x/y", "\"gcrypt::\" remote helper"),
            ("-uhello", "starts with '-'"),
            ("--upload-pack=touch x", "starts with '-'"),
            ("ftp://example.com/x", "\"ftp://\" transport"),
            ("ssh://-oProxyCommand=x/y", "starts with '-'"),
            ("me@-oProxyCommand=x:y", "starts with '-'"),
            ("-host:x", "starts with '-'"),
            ("a\u{1b}[2Jb", "control character"),
            ("", "empty"),
        ] {
            let e = check(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
