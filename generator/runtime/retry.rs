//! When to retry a failed attempt and how long to wait first.
//!
//! The decisions are pure functions ([`RetryPolicy::should_retry`], [`RetryPolicy::backoff_for`],
//! [`RetryPolicy::delay_for`]) so they can be tested without a network; the transport only
//! sleeps and calls them.
//!
//! What is retried:
//! - throttling (429), waiting for `Retry-After` (seconds or an HTTP date, capped at
//!   `max_backoff`) or else the backoff: a throttled request was not processed;
//! - connection failures and connect timeouts, where nothing was sent.
//!
//! What is retried only for idempotent operations, or when `retry_non_idempotent` is set: 500,
//! 502, 503 and 504 answers, timeouts and transport errors after the request may have been sent.
//! A non-idempotent operation (POST, PATCH) may create something each time it is processed, so
//! that is off by default. Everything else (4xx, validation, decode errors) is final.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, StatusCode};

use super::error::Error;
use super::time::parse_http_date;

/// How failed attempts are retried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included; 1 disables retries.
    pub max_attempts: u32,
    /// Backoff before the first retry; it doubles for each further one.
    pub initial_backoff: Duration,
    /// Longest wait before a retry, also the cap on `Retry-After`.
    pub max_backoff: Duration,
    /// Also retry answers and failures after which the service may have processed a
    /// non-idempotent request (a 5xx, a timeout after sending). Off by default.
    pub retry_non_idempotent: bool,
    /// The longest time all attempts of one call may take together, waits included (default
    /// [`DEFAULT_TOTAL_DEADLINE`]; `None` for no limit). No retry starts when its wait would end
    /// past it, and each attempt's timeout is cut to the time left; the call then ends with the
    /// error of the last attempt (or a timeout).
    pub total_deadline: Option<Duration>,
}

/// The default [`RetryPolicy::total_deadline`]: two minutes from the start of the first attempt.
pub const DEFAULT_TOTAL_DEADLINE: Duration = Duration::from_secs(120);

impl Default for RetryPolicy {
    /// 3 attempts, 200 ms initial backoff, 20 s maximum, no retries that could repeat a
    /// non-idempotent request, at most [`DEFAULT_TOTAL_DEADLINE`] in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            retry_non_idempotent: false,
            total_deadline: Some(DEFAULT_TOTAL_DEADLINE),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Whether to try again after `attempts_made` attempts (1 after the first) ended in
    /// `error`. `idempotent` says whether repeating the operation is harmless.
    pub fn should_retry(&self, error: &Error, attempts_made: u32, idempotent: bool) -> bool {
        if attempts_made >= self.max_attempts {
            return false;
        }
        let may_repeat = idempotent || self.retry_non_idempotent;
        match error {
            Error::Api(api) => {
                let status = api.status();
                status == StatusCode::TOO_MANY_REQUESTS
                    || (may_repeat
                        && matches!(
                            status,
                            StatusCode::INTERNAL_SERVER_ERROR
                                | StatusCode::BAD_GATEWAY
                                | StatusCode::SERVICE_UNAVAILABLE
                                | StatusCode::GATEWAY_TIMEOUT
                        ))
            }
            Error::Transport { maybe_sent, .. } => !maybe_sent || may_repeat,
            Error::Timeout { during_connect } => *during_connect || may_repeat,
            _ => false,
        }
    }

    /// The jittered exponential backoff after attempt number `attempt` (1-based) failed:
    /// `b = min(initial_backoff * 2^(attempt-1), max_backoff)`, and the result lies in
    /// `[b/2, b]`, placed by `jitter` (in `[0, 1]`; other values are clamped).
    pub fn backoff_for(&self, attempt: u32, jitter: f64) -> Duration {
        let exponent = attempt.saturating_sub(1).min(31);
        let base = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let half = base / 2;
        // Integer arithmetic: `Duration::mul_f64` panics on out-of-range input. NaN becomes 0.
        let parts_per_million = (jitter.clamp(0.0, 1.0) * 1_000_000.0) as u128;
        let extra = (base - half).as_nanos() * parts_per_million / 1_000_000;
        half.saturating_add(Duration::from_nanos(
            u64::try_from(extra).unwrap_or(u64::MAX),
        ))
    }

    /// How long to wait before retrying after attempt number `attempt` failed with `error`:
    /// the `Retry-After` of a 429 answer (capped at `max_backoff`), or else
    /// [`RetryPolicy::backoff_for`].
    pub fn delay_for(&self, error: &Error, attempt: u32, now: SystemTime, jitter: f64) -> Duration {
        let retry_after = match error {
            Error::Api(api) if api.is_throttled() => retry_after(api.headers(), now),
            _ => None,
        };
        match retry_after {
            Some(wait) => wait.min(self.max_backoff),
            None => self.backoff_for(attempt, jitter),
        }
    }
}

/// Runs `attempt` until it succeeds or the policy stops retrying, with the clock and the sleeper
/// injected (the transport passes `Instant::now` and `tokio::time::sleep`; tests pass a fake
/// clock that the fake sleeper advances).
///
/// `attempt` gets the timeout for that attempt: the request timeout `attempt_timeout`, cut to the
/// time left before [`RetryPolicy::total_deadline`]. `wall` is the wall-clock time at the start
/// (for `Retry-After` dates); `jitter` is called once per retry.
#[allow(clippy::too_many_arguments)]
pub async fn run_with_retries<T, A, AF, S, SF>(
    policy: &RetryPolicy,
    idempotent: bool,
    attempt_timeout: Duration,
    wall: SystemTime,
    now: impl Fn() -> Instant,
    mut sleep: S,
    mut jitter: impl FnMut() -> f64,
    mut attempt: A,
) -> Result<T, Error>
where
    A: FnMut(Duration) -> AF,
    AF: Future<Output = Result<T, Error>>,
    S: FnMut(Duration) -> SF,
    SF: Future<Output = ()>,
{
    let start = now();
    let left = |at: Instant| {
        policy
            .total_deadline
            .map(|d| d.saturating_sub(at.saturating_duration_since(start)))
    };
    let mut attempts: u32 = 1;
    loop {
        let timeout = match left(now()) {
            Some(left) => attempt_timeout.min(left),
            None => attempt_timeout,
        };
        let error = match attempt(timeout).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        if !policy.should_retry(&error, attempts, idempotent) {
            return Err(error);
        }
        let at = now();
        let elapsed = at.saturating_duration_since(start);
        let delay = policy.delay_for(&error, attempts, wall + elapsed, jitter());
        // A retry must have time to run after its wait.
        if left(at).is_some_and(|left| delay >= left) {
            return Err(error);
        }
        sleep(delay).await;
        attempts = attempts.saturating_add(1);
    }
}

/// The wait a `Retry-After` header asks for: delay seconds, or an HTTP date (a date in the past
/// gives zero). `None` when absent or unreadable.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)` for backoff jitter: splitmix64 over a shared counter mixed with the
/// clock. Lock-free; not for cryptography.
pub fn jitter() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut z = STATE
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(nanos);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::error::ApiError;
    use http::HeaderValue;

    fn api_error(status: u16, retry_after: Option<&str>) -> Error {
        let mut headers = HeaderMap::new();
        if let Some(v) = retry_after {
            headers.insert("retry-after", HeaderValue::from_str(v).unwrap());
        }
        Error::Api(ApiError::from_response(
            &crate::runtime::service::ErrorFormat::EMPTY,
            StatusCode::from_u16(status).unwrap(),
            &headers,
            b"{}",
        ))
    }

    fn transport(maybe_sent: bool) -> Error {
        Error::Transport {
            message: "x".into(),
            maybe_sent,
            source: None,
        }
    }

    #[test]
    fn throttling_and_connect_failures_are_retried_even_for_posts() {
        let policy = RetryPolicy::default();
        assert!(policy.should_retry(&api_error(429, None), 1, false));
        assert!(policy.should_retry(&transport(false), 1, false));
        assert!(policy.should_retry(
            &Error::Timeout {
                during_connect: true
            },
            2,
            false
        ));
    }

    #[test]
    fn failures_after_sending_are_not_retried_for_non_idempotent_requests() {
        let policy = RetryPolicy::default();
        for error in [
            api_error(500, None),
            api_error(502, None),
            api_error(503, None),
            api_error(504, None),
            transport(true),
            Error::Timeout {
                during_connect: false,
            },
        ] {
            assert!(!policy.should_retry(&error, 1, false), "{error}");
            assert!(policy.should_retry(&error, 1, true), "{error}");
            let opted_in = RetryPolicy {
                retry_non_idempotent: true,
                ..RetryPolicy::default()
            };
            assert!(opted_in.should_retry(&error, 1, false), "{error}");
        }
    }

    #[test]
    fn final_errors_are_never_retried() {
        let opted_in = RetryPolicy {
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        };
        for error in [
            api_error(400, None),
            api_error(401, None),
            api_error(403, None),
            api_error(404, None),
            api_error(501, None),
            Error::invalid("bad"),
            Error::Decode {
                status: StatusCode::OK,
                request_id: None,
                excerpt: String::new(),
                message: String::new(),
            },
        ] {
            assert!(!opted_in.should_retry(&error, 1, true), "{error}");
        }
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = RetryPolicy::default();
        let throttled = api_error(429, None);
        assert!(policy.should_retry(&throttled, 1, false));
        assert!(policy.should_retry(&throttled, 2, false));
        assert!(!policy.should_retry(&throttled, 3, false));
        assert!(!RetryPolicy::disabled().should_retry(&throttled, 1, false));
        let zero = RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        };
        assert!(!zero.should_retry(&throttled, 1, false));
    }

    #[test]
    fn backoff_doubles_within_jitter_bounds_and_is_capped() {
        let policy = RetryPolicy::default();
        let ms = Duration::from_millis;
        assert_eq!(policy.backoff_for(1, 0.0), ms(100));
        assert_eq!(policy.backoff_for(1, 1.0), ms(200));
        assert_eq!(policy.backoff_for(2, 0.0), ms(200));
        assert_eq!(policy.backoff_for(2, 1.0), ms(400));
        assert_eq!(policy.backoff_for(3, 0.5), ms(600));
        assert_eq!(policy.backoff_for(30, 1.0), Duration::from_secs(20));
        assert_eq!(policy.backoff_for(u32::MAX, 0.0), Duration::from_secs(10));
        assert_eq!(policy.backoff_for(0, 1.0), ms(200));
        // Out-of-range jitter is clamped, never a panic.
        assert_eq!(policy.backoff_for(1, f64::NAN), ms(100));
        assert_eq!(policy.backoff_for(1, -3.0), ms(100));
        assert_eq!(policy.backoff_for(1, f64::INFINITY), ms(200));
        let huge = RetryPolicy {
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            ..RetryPolicy::default()
        };
        assert!(huge.backoff_for(40, 1.0) >= Duration::MAX / 2);
        for attempt in 1..=10 {
            for _ in 0..50 {
                let d = policy.backoff_for(attempt, jitter());
                let base = (ms(200) * 2u32.pow(attempt - 1)).min(Duration::from_secs(20));
                assert!(d >= base / 2 && d <= base, "{attempt}: {d:?}");
            }
        }
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let policy = RetryPolicy::default();
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        let delay = |e: &Error| policy.delay_for(e, 1, now, 0.0);
        assert_eq!(delay(&api_error(429, Some("3"))), Duration::from_secs(3));
        assert_eq!(delay(&api_error(429, Some(" 0 "))), Duration::ZERO);
        assert_eq!(
            delay(&api_error(429, Some("3600"))),
            Duration::from_secs(20)
        );
        assert_eq!(
            delay(&api_error(429, Some("99999999999999999999999"))),
            Duration::from_secs(20)
        );
        assert_eq!(
            delay(&api_error(429, Some("Sun, 06 Nov 1994 08:49:42 GMT"))),
            Duration::from_secs(5)
        );
        assert_eq!(
            delay(&api_error(429, Some("Sun, 06 Nov 1994 08:00:00 GMT"))),
            Duration::ZERO
        );
        // Unreadable or absent: the backoff.
        assert_eq!(
            delay(&api_error(429, Some("soon"))),
            Duration::from_millis(100)
        );
        assert_eq!(
            delay(&api_error(429, Some("-1"))),
            Duration::from_millis(100)
        );
        assert_eq!(delay(&api_error(429, None)), Duration::from_millis(100));
        // Retry-After on other statuses is not used.
        assert_eq!(
            delay(&api_error(503, Some("3"))),
            Duration::from_millis(100)
        );
        assert_eq!(delay(&transport(false)), Duration::from_millis(100));
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let values: Vec<f64> = (0..1000).map(|_| jitter()).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert!((0.3..0.7).contains(&mean), "{mean}");
        let distinct = values
            .iter()
            .map(|v| v.to_bits())
            .collect::<std::collections::BTreeSet<_>>();
        assert!(distinct.len() > 990);
    }

    /// Polls a future whose awaits are all ready at once (the fake sleeper below never waits).
    fn block_on<F: Future>(future: F) -> F::Output {
        struct Noop;
        impl std::task::Wake for Noop {
            fn wake(self: std::sync::Arc<Self>) {}
        }
        let waker = std::task::Waker::from(std::sync::Arc::new(Noop));
        let mut cx = std::task::Context::from_waker(&waker);
        let mut future = std::pin::pin!(future);
        loop {
            if let std::task::Poll::Ready(v) = future.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    /// Runs the retry loop against a service that always throttles with `Retry-After: 20`, each
    /// attempt taking one second of a fake clock. Returns the attempts' timeouts and the time
    /// the call took.
    fn throttled_call(deadline: Option<Duration>) -> (Vec<Duration>, Duration) {
        let base = Instant::now();
        let elapsed = std::cell::Cell::new(Duration::ZERO);
        let timeouts = std::cell::RefCell::new(Vec::new());
        let policy = RetryPolicy {
            total_deadline: deadline,
            ..RetryPolicy::default()
        };
        let result: Result<(), Error> = block_on(run_with_retries(
            &policy,
            true,
            Duration::from_secs(60),
            UNIX_EPOCH,
            || base + elapsed.get(),
            |d| {
                elapsed.set(elapsed.get() + d);
                std::future::ready(())
            },
            || 0.5,
            |timeout| {
                timeouts.borrow_mut().push(timeout);
                elapsed.set(elapsed.get() + Duration::from_secs(1));
                std::future::ready(Err(api_error(429, Some("20"))))
            },
        ));
        assert!(matches!(result, Err(Error::Api(ref e)) if e.is_throttled()));
        (timeouts.into_inner(), elapsed.get())
    }

    #[test]
    fn the_total_deadline_bounds_all_attempts_and_waits() {
        // Without a deadline: three attempts and two 20 s waits, 43 s in all.
        let (timeouts, took) = throttled_call(None);
        assert_eq!(timeouts, [Duration::from_secs(60); 3]);
        assert_eq!(took, Duration::from_secs(43));
        // A 30 s deadline: the second attempt gets the 9 s left; a second wait would pass the
        // deadline, so the call ends with the last error.
        let (timeouts, took) = throttled_call(Some(Duration::from_secs(30)));
        assert_eq!(timeouts, [Duration::from_secs(30), Duration::from_secs(9)]);
        assert_eq!(took, Duration::from_secs(22));
        assert!(took <= Duration::from_secs(30));
        // The default has one, and it is documented as the constant.
        assert_eq!(RetryPolicy::default().total_deadline, Some(DEFAULT_TOTAL_DEADLINE));
    }

    #[test]
    fn a_success_ends_the_loop_at_once() {
        let calls = std::cell::Cell::new(0);
        let result = block_on(run_with_retries(
            &RetryPolicy::default(),
            true,
            Duration::from_secs(60),
            UNIX_EPOCH,
            Instant::now,
            |_| std::future::ready(()),
            || 0.0,
            |_| {
                calls.set(calls.get() + 1);
                std::future::ready(Ok::<u8, Error>(7))
            },
        ));
        assert_eq!(result.unwrap(), 7);
        assert_eq!(calls.get(), 1);
    }
}
