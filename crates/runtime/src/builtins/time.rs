//! Primitives: clocks and waiting (CLHS 25.1.4) — universal time, the
//! internal real and run time clocks in microseconds, the local time zone,
//! and the bounded wait that `sleep` (lisp-lib/boot/08-time.lisp) is built on.
//!
//! The local time zone comes from the `TZ` variable when it is UTC or a
//! POSIX zone with a fixed offset (`EST5`, `<+0530>-5:30`; a daylight
//! saving rule after the offset is ignored); anything else, including an
//! unset `TZ` or a zone database name, is taken as UTC.

use std::sync::atomic::Ordering;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::heap::Value;
use crate::vm::{Cx, R};

crate::natives! {
    CL "GET-UNIVERSAL-TIME" 0 0 => get_universal_time;
    CL "GET-INTERNAL-REAL-TIME" 0 0 => get_internal_real_time;
    CL "GET-INTERNAL-RUN-TIME" 0 0 => get_internal_run_time;
    SYS "%LOCAL-TIME-ZONE" 0 0 => local_time_zone;
    SYS "%SLEEP-UNTIL" 1 1 => sleep_until;
}

/// Seconds from 1900-01-01 (universal time 0) to 1970-01-01 (the Unix epoch).
pub const UNIX_EPOCH_UNIVERSAL: u64 = 2_208_988_800;

/// The longest single wait, so a pending interrupt is seen promptly.
const SLEEP_SLICE_MICROS: i64 = 50_000;

/// Microseconds elapsed since the first use of the internal real time clock.
fn real_micros() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_micros() as i64
}

/// CPU time used by the thread running Lisp, in microseconds: from
/// /proc/thread-self/schedstat (nanoseconds), else the process's user and
/// system time in /proc/self/stat (clock ticks of 1/100 s), else real time.
fn run_micros() -> i64 {
    if let Ok(text) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = text.split_whitespace().next().and_then(|f| f.parse::<i64>().ok()) {
            return ns / 1000;
        }
    }
    if let Ok(text) = std::fs::read_to_string("/proc/self/stat") {
        // The fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
        if let Some(rest) = text.rfind(')').map(|i| &text[i + 1..]) {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<i64>().ok());
            if let (Some(user), Some(system)) = (ticks(11), ticks(12)) {
                return (user + system) * 10_000;
            }
        }
    }
    real_micros()
}

fn get_universal_time<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let unix = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Ok(Value::Fixnum((unix + UNIX_EPOCH_UNIVERSAL) as i64))
}

fn get_internal_real_time<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(real_micros()))
}

fn get_internal_run_time<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    Ok(Value::Fixnum(run_micros()))
}

/// The local time zone in seconds west of Greenwich (Lisp divides by 3600).
fn local_time_zone<'gc>(_cx: &mut Cx<'gc, '_>, _args: &[Value<'gc>]) -> R<'gc> {
    let tz = std::env::var("TZ").unwrap_or_default();
    Ok(Value::Fixnum(zone_seconds_west(&tz).unwrap_or(0)))
}

/// Seconds west of Greenwich for a `TZ` value naming UTC or a POSIX zone
/// with an offset; `None` for anything else.
fn zone_seconds_west(tz: &str) -> Option<i64> {
    let tz = tz.strip_prefix(':').unwrap_or(tz);
    if ["", "UTC", "GMT", "UCT", "Zulu", "Universal", "Etc/UTC", "Etc/GMT"].contains(&tz) {
        return Some(0);
    }
    let rest = if let Some(quoted) = tz.strip_prefix('<') {
        &quoted[quoted.find('>')? + 1..]
    } else {
        let name_len = tz.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        if name_len < 3 {
            return None;
        }
        &tz[name_len..]
    };
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => (1, rest),
    };
    let offset: String = digits.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
    let mut parts = offset.split(':').map(|p| p.parse::<i64>());
    let hours = parts.next()?.ok()?;
    let minutes = parts.next().map_or(Some(0), |p| p.ok())?;
    let seconds = parts.next().map_or(Some(0), |p| p.ok())?;
    if hours > 24 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// `(%sleep-until deadline)`: waits until the internal real time reaches
/// `deadline` or for one slice, whichever is sooner, and returns T once the
/// deadline has passed. It returns NIL at once while an interrupt is
/// pending, so the VM can run the interrupt handler between slices.
fn sleep_until<'gc>(cx: &mut Cx<'gc, '_>, args: &[Value<'gc>]) -> R<'gc> {
    let deadline = match args[0] {
        Value::Fixnum(n) => n,
        Value::Bignum(b) if b.0.sign() == num_bigint::Sign::Plus => i64::MAX,
        other => return Err(cx.type_error(other, cx.g.s.integer.into())),
    };
    let now = real_micros();
    if now >= deadline {
        return Ok(cx.g.t);
    }
    if crate::vm::INTERRUPTED.load(Ordering::Relaxed) {
        return Ok(Value::Nil);
    }
    let wait = (deadline - now).min(SLEEP_SLICE_MICROS);
    std::thread::sleep(Duration::from_micros(wait as u64));
    Ok(cx.bool(real_micros() >= deadline))
}

#[cfg(test)]
mod tests {
    use super::zone_seconds_west;

    #[test]
    fn time_zones_from_tz() {
        assert_eq!(zone_seconds_west(""), Some(0));
        assert_eq!(zone_seconds_west(":UTC"), Some(0));
        assert_eq!(zone_seconds_west("EST5"), Some(5 * 3600));
        assert_eq!(zone_seconds_west("EST5EDT,M3.2.0,M11.1.0"), Some(5 * 3600));
        assert_eq!(zone_seconds_west("CET-1CEST"), Some(-3600));
        assert_eq!(zone_seconds_west("<+0530>-5:30"), Some(-(5 * 3600 + 30 * 60)));
        assert_eq!(zone_seconds_west("Europe/Paris"), None);
        assert_eq!(zone_seconds_west("XY5"), None);
    }
}
