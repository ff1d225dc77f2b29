//! Work shared by the cores: the spec's pieces are read (`load`) and the files formatted
//! (`emit`) on all of them, with results in a fixed order whatever the scheduling.

/// Runs `work` on each item on `threads` threads (the calling one among them), the items taken in
/// order from a shared counter: the results in item order, so they do not depend on the
/// scheduling. Once `work` gives `None` for an item, the items not started yet are skipped and
/// the result is `None`. A panic in `work` (not expected) is raised again on the calling thread.
pub(crate) fn on_threads<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    work: impl Fn(T) -> Option<R> + Sync,
) -> Option<Vec<R>> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Mutex;
    let count = items.len();
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let slots: Vec<Mutex<Option<R>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let run = || {
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = items.get(i) else { break };
            let Some(item) = slot.lock().ok().and_then(|mut s| s.take()) else {
                break;
            };
            match work(item) {
                Some(result) => {
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(result);
                    }
                }
                None => failed.store(true, Ordering::Relaxed),
            }
        }
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads.min(count)).map(|_| scope.spawn(run)).collect();
        run();
        for other in others {
            if let Err(p) = other.join() {
                std::panic::resume_unwind(p);
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_on_threads_comes_back_in_item_order() {
        let items: Vec<usize> = (0..100).collect();
        let squares = on_threads(items.clone(), 3, |i| Some(i * i)).expect("all ran");
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(on_threads(items, 2, |i| (i != 40).then_some(i)), None);
        assert_eq!(on_threads(Vec::<usize>::new(), 2, Some), Some(Vec::new()));
    }
}
