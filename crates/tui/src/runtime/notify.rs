//! A timer's phase end said outside the screen: the bell, the terminal's
//! title, a desktop notification through the terminal (OSC 9, OSC 777) and
//! through the desktop's own daemon. The sequences are built here, apart
//! from the terminal, from text with every control character taken out: app
//! names arrive through sync and must not put escape sequences on it.

use crate::config::Notify;

/// How the terminal takes a notification, from what it says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Osc {
    /// `ESC ] 9 ; text BEL` (iTerm2, WezTerm, kitty, ghostty, Windows Terminal).
    Nine,
    /// `ESC ] 777 ; notify ; title ; body BEL` (VTE terminals, foot, urxvt).
    Notify777,
    /// Neither is known to work: nothing is sent, so no stray text appears.
    Unknown,
}

/// Which sequence the terminal is known to take, from its environment.
pub fn terminal(env: impl Fn(&str) -> Option<String>) -> Osc {
    let var = |k: &str| env(k).unwrap_or_default();
    let program = var("TERM_PROGRAM");
    let term = var("TERM");
    if ["iTerm.app", "WezTerm", "ghostty"].contains(&program.as_str())
        || env("WT_SESSION").is_some()
        || term.contains("kitty")
        || term.contains("ghostty")
    {
        Osc::Nine
    } else if env("VTE_VERSION").is_some() || term.starts_with("foot") || term.starts_with("rxvt") {
        Osc::Notify777
    } else {
        Osc::Unknown
    }
}

/// `s` without control characters, so it cannot end the sequence it sits in.
pub fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Sets the window title (OSC 2 names the window, OSC 0 the icon too).
pub fn title(text: &str) -> String {
    format!("\x1b]0;{}\x07", plain(text))
}

/// Saves the title on the terminal's stack at start; [`TITLE_POP`] puts it back.
pub const TITLE_PUSH: &str = "\x1b[22;0t";
pub const TITLE_POP: &str = "\x1b[23;0t";

/// The notification sequence for `osc`, empty when none is known to work.
pub fn notification(osc: Osc, head: &str, body: &str) -> String {
    let (head, body) = (plain(head), plain(body));
    match osc {
        Osc::Nine => format!("\x1b]9;{head}: {body}\x07"),
        // Fields are split at ';': one in a name would start the body early.
        Osc::Notify777 => format!(
            "\x1b]777;notify;{};{}\x07",
            head.replace(';', ","),
            body.replace(';', ",")
        ),
        Osc::Unknown => String::new(),
    }
}

/// The bytes one ring writes to the terminal, as config.ron's `notify` says.
pub fn ring_bytes(notify: Notify, osc: Osc, head: &str, body: &str) -> String {
    match notify {
        Notify::Off => String::new(),
        Notify::Bell => "\x07".into(),
        Notify::Desktop => format!("\x07{}", notification(osc, head, body)),
    }
}

/// The desktop's own notifications. A seam: the terminal runtime sends
/// through the daemon, tests through nothing.
pub trait Desktop {
    fn send(&self, head: &str, body: &str);
}

/// The notification daemon, through notify-rust, from a thread of its own:
/// D-Bus may be slow or absent, and the loop never waits on it.
pub struct Daemon;

impl Daemon {
    /// Only where a daemon can be reached: a session bus on Linux and the
    /// BSDs (without one notify-rust has nothing to talk to), always on macOS.
    pub fn available(env: impl Fn(&str) -> Option<String>) -> bool {
        cfg!(target_os = "macos") || env("DBUS_SESSION_BUS_ADDRESS").is_some()
    }
}

impl Desktop for Daemon {
    fn send(&self, head: &str, body: &str) {
        let (head, body) = (plain(head), plain(body));
        let _ = std::thread::Builder::new()
            .name("nook-notify".into())
            .spawn(move || {
                let _ = notify_rust::Notification::new()
                    .appname("nook")
                    .summary(&head)
                    .body(&body)
                    .show();
            });
    }
}

impl Daemon {
    /// Sends and waits for the daemon's answer: for `nook remind`, which
    /// exits right after, so a thread of its own would be cut off.
    pub fn send_now(&self, head: &str, body: &str) -> Result<(), String> {
        notify_rust::Notification::new()
            .appname("nook")
            .summary(&plain(head))
            .body(&plain(body))
            .show()
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_terminal_is_sent_only_what_it_is_known_to_take() {
        assert_eq!(terminal(env(&[("TERM_PROGRAM", "iTerm.app")])), Osc::Nine);
        assert_eq!(terminal(env(&[("TERM", "xterm-kitty")])), Osc::Nine);
        assert_eq!(terminal(env(&[("WT_SESSION", "x")])), Osc::Nine);
        assert_eq!(terminal(env(&[("VTE_VERSION", "7600")])), Osc::Notify777);
        assert_eq!(terminal(env(&[("TERM", "foot")])), Osc::Notify777);
        assert_eq!(terminal(env(&[("TERM", "xterm-256color")])), Osc::Unknown);
        assert_eq!(notification(Osc::Unknown, "Tea", "Steep finished"), "");
        assert_eq!(
            notification(Osc::Nine, "Tea", "Steep finished"),
            "\x1b]9;Tea: Steep finished\x07"
        );
        assert_eq!(
            notification(Osc::Notify777, "Tea", "Steep finished"),
            "\x1b]777;notify;Tea;Steep finished\x07"
        );
    }

    #[test]
    fn a_name_from_sync_cannot_put_escapes_on_the_terminal() {
        let hostile = "Tea\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\u{9b}31m;x";
        for s in [
            title(hostile),
            notification(Osc::Nine, hostile, hostile),
            notification(Osc::Notify777, hostile, hostile),
        ] {
            // One sequence: it opens once and ends once, at the end.
            assert_eq!(s.matches('\x1b').count(), 1, "{s:?}");
            assert_eq!(s.matches('\x07').count(), 1, "{s:?}");
            assert!(s.ends_with('\x07') && !s.contains('\u{9b}'), "{s:?}");
        }
        let n = notification(Osc::Notify777, "a;b", "c;d");
        assert_eq!(n, "\x1b]777;notify;a,b;c,d\x07", "a ';' cannot add a field");
    }

    #[test]
    fn the_notify_setting_chooses_what_a_ring_writes() {
        assert_eq!(ring_bytes(Notify::Off, Osc::Nine, "Tea", "done"), "");
        assert_eq!(ring_bytes(Notify::Bell, Osc::Nine, "Tea", "done"), "\x07");
        assert_eq!(
            ring_bytes(Notify::Desktop, Osc::Nine, "Tea", "done"),
            "\x07\x1b]9;Tea: done\x07"
        );
        assert_eq!(ring_bytes(Notify::Desktop, Osc::Unknown, "Tea", "done"), "\x07");
        assert!(!Daemon::available(env(&[])) || cfg!(target_os = "macos"));
        assert!(Daemon::available(env(&[(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/x"
        )])));
    }
}
