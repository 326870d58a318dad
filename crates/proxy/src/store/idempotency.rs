//! Answers already given, by `Idempotency-Key`, so a retried request gets
//! the same answer instead of doing the work twice. Kept in memory: a
//! restart forgets them.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Clone, Default)]
pub struct IdempotencyCache {
    done: Arc<Mutex<HashMap<String, (Value, Value)>>>,
}

/// The key was used before with another request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyReused;

impl IdempotencyCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, (Value, Value)>> {
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer given for `key`, if `request` is the one it was given to.
    pub fn answer(&self, key: &str, request: &Value) -> Result<Option<Value>, KeyReused> {
        match self.lock().get(key) {
            Some((earlier, answer)) if earlier == request => Ok(Some(answer.clone())),
            Some(_) => Err(KeyReused),
            None => Ok(None),
        }
    }

    pub fn remember(&self, key: String, request: Value, answer: Value) {
        self.lock().insert(key, (request, answer));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_request_gets_the_same_answer_and_another_is_refused() {
        let cache = IdempotencyCache::default();
        let (req, other) = (serde_json::json!({"a": 1}), serde_json::json!({"a": 2}));
        assert_eq!(cache.answer("k", &req), Ok(None));
        cache.remember("k".into(), req.clone(), serde_json::json!("link"));
        assert_eq!(cache.answer("k", &req), Ok(Some(serde_json::json!("link"))));
        assert_eq!(cache.answer("k", &other), Err(KeyReused));
    }
}
