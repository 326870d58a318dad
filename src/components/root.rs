//! Holds the app's current props so `Widget::update` can change them in
//! place: Yew's `AppHandle` has no way to set new props.

use super::app::{App, AppProps};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where the root leaves the callback that sets new props.
pub type Slot = Rc<RefCell<Option<Callback<AppProps>>>>;

#[derive(Properties, Clone)]
pub struct RootProps {
    pub initial: AppProps,
    pub slot: Slot,
}

impl PartialEq for RootProps {
    fn eq(&self, other: &Self) -> bool {
        self.initial == other.initial && Rc::ptr_eq(&self.slot, &other.slot)
    }
}

#[component]
pub fn Root(props: &RootProps) -> Html {
    let current = use_state(|| props.initial.clone());
    {
        let (slot, current) = (props.slot.clone(), current.clone());
        use_effect_with((), move |_| {
            *slot.borrow_mut() = Some(Callback::from(move |p| current.set(p)));
            move || *slot.borrow_mut() = None
        });
    }
    let p = (*current).clone();
    html! { <App locale={p.locale} config={p.config} /> }
}
