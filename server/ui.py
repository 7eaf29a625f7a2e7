"""The Gradio chat UI: chat, item cards with like / dislike, and what the assistant understood.

It talks to the same AssistantRegistry and SessionStore as the API, so feedback given here is
stored and applied exactly like POST /v1/sessions/{id}/feedback.
"""

from __future__ import annotations

import html
import secrets
from concurrent.futures import TimeoutError as FutureTimeout

import gradio as gr

from assistant.session_store import SessionStore
from core.settings import Settings
from core.types import Recommendation, Session, TurnResult
from server.api import AssistantRegistry, session_view
from server.refinements import Refinements, RefineOutcome, wait_limit_s

CATALOG_LABELS = {"movies": "Movies", "retail": "Gift shop"}
EXAMPLES = {
    "movies": ["I loved Inception and The Matrix, hated Titanic. Something mind-bending?",
               "Funny movies like Superbad, nothing from before 2000",
               "Scary movies like Get Out, but no slashers"],
    "retail": ["I bought the white hanging heart t-light holder, something similar under £5",
               "Christmas decorations for a party",
               "A gift for a tea lover, cheaper than £10"],
}
CSS = """
.card {border:1px solid #ddd; border-radius:10px; padding:10px 12px; margin:4px 0;}
.card h4 {margin:0 0 4px 0;} .card .meta {color:#666; font-size:0.9em;}
.card .why {margin-top:6px;} .understood li {margin:2px 0;}
.card .poster {float:right; height:96px; margin:0 0 4px 8px; border-radius:4px;}
.card::after {content:""; display:block; clear:both;}
#phase-state[data-state="refining"] {color:#a60;} #phase-state[data-state="refined"] {color:#070;}
"""


def card_html(rec: Recommendation, phase: int) -> str:
    """One card; `data-phase` says which phase of the turn wrote it (1 templates, 2 LLM)."""
    bits = [str(rec.year)] if rec.year else []
    if rec.price is not None:
        bits.append(f"£{rec.price:.2f}" if rec.currency == "GBP" else
                    f"{rec.price:.2f} {rec.currency or ''}".strip())
    bits += rec.genres[:3]
    poster = (f'<img class="poster" src="{html.escape(rec.image_url)}" alt="" loading="lazy">'
              if rec.image_url else "")
    return (f'<div class="card" data-item="{rec.item_id}" data-phase="{phase}">{poster}'
            f'<h4>{html.escape(rec.title)}</h4>'
            f'<div class="meta">{html.escape(" · ".join(bits))}</div>'
            f'<div class="why">{html.escape(rec.explanation)}</div></div>')


def understood_html(view: dict, constraints: str) -> str:
    """What the assistant understood, in words (`constraints` as the assistant says them:
    "in Science Fiction or Mystery, no Horror")."""
    def names(items: list[dict]) -> str:
        return ", ".join(html.escape(i["title"]) for i in items) or "—"

    missing = ", ".join(html.escape(t) for t in view.get("not_found", []))
    not_found = f"<li><b>Not in the catalogue:</b> {missing}</li>" if missing else ""
    moods = ", ".join(html.escape(m) for m in view.get("moods", []))
    if moods:
        not_found += f"<li><b>Mood (matched by description only):</b> {moods}</li>"
    liked = ", ".join(html.escape(i["title"]) + (f" ({html.escape(i['liked_by'])})"
                                                 if i.get("liked_by") else "")
                      for i in view["liked"]) or "—"
    return (f'<ul class="understood"><li><b>Liked:</b> <span id="liked">'
            f'{liked}</span></li><li><b>Disliked:</b> {names(view["disliked"])}'
            f'</li><li><b>Seen:</b> {names(view["seen"])}</li>'
            f'<li><b>Want to see:</b> {names(view.get("wanted", []))}</li>'
            f'<li><b>Constraints:</b> <span id="constraints">'
            f'{html.escape(constraints) or "—"}</span></li>{not_found}</ul>')


def phase_html(state: str, detail: str = "") -> str:
    """The turn's phase, for people (and the browser test): refining / refined / kept."""
    words = {"refining": "Refining with the language model…",
             "refined": "Refined by the language model.",
             "kept": "Kept the first answer.", "": ""}[state]
    text = f"{words} {detail}".strip()
    return f'<div id="phase-state" data-state="{state}">{html.escape(text)}</div>'


def removable(view: dict) -> list[tuple[str, str]]:
    """(label, 'field=value') for every entry the user may remove."""
    out = [(f"liked: {i['title']}", f"liked_ids={i['item_id']}") for i in view["liked"]]
    out += [(f"disliked: {i['title']}", f"disliked_ids={i['item_id']}")
            for i in view["disliked"]]
    out += [(f"seen: {i['title']}", f"seen_ids={i['item_id']}") for i in view["seen"]]
    out += [(f"want to see: {i['title']}", f"wanted_ids={i['item_id']}")
            for i in view.get("wanted", [])]
    for key, value in view["constraints"].items():
        if key == "new_only":  # a switch, not a value to list ("something new")
            out.append(("none I have ordered before", "new_only=true"))
            continue
        values = value if isinstance(value, list | tuple) else [value]
        out += [(f"{key.replace('_', ' ')}: {v}", f"{key}={v}") for v in values]
    return out


def create_ui(registry: AssistantRegistry, store: SessionStore, settings: Settings) -> gr.Blocks:
    def ensure(session_id: str | None, catalog: str) -> Session:
        if session_id:
            found = store.get(session_id)
            if found is not None and found[0].catalog == catalog:
                return found[0]
        session = Session(session_id=secrets.token_hex(16), catalog=catalog)
        store.create(session, "ui")
        return session

    def panel(session: Session) -> tuple[str, dict]:
        assistant = registry.get(session.catalog)
        view = session_view(assistant, session).model_dump()
        return (understood_html(view, assistant.describe_filters(session.filters)),
                gr.update(choices=removable(view), value=None))

    def cards_of(result: TurnResult) -> list[dict]:
        return [{"item_id": r.item_id, "html": card_html(r, result.phase)}
                for r in result.recommendations]

    def send(text, history, session_id, catalog):
        """Phase 1 at once, then (with an LLM) phase 2 replaces the cards in place."""
        text = (text or "").strip()
        session = ensure(session_id, catalog)
        if not text:
            yield ("", history, session.session_id, [], *panel(session), phase_html(""))
            return
        if len(text) > settings.api.max_message_chars:
            reply = (f"That message is {len(text)} characters long; please keep it under "
                     f"{settings.api.max_message_chars}.")
            history = [*history, {"role": "user", "content": text[:200] + "…"},
                       {"role": "assistant", "content": reply}]
            yield ("", history, session.session_id, [], *panel(session), phase_html(""))
            return
        sid = session.session_id
        loader = lambda: (ensure(sid, catalog), store)  # noqa: E731
        session, result = registry.update(
            sid, loader, lambda current, where: registry.take_turn(current, text, where))
        turn_id = registry.start_refinement(session, result, "ui", loader)
        history = [*history, {"role": "user", "content": text},
                   {"role": "assistant", "content": result.reply}]
        yield ("", history, sid, cards_of(result), *panel(session),
               phase_html("refining" if turn_id else ""))
        if turn_id is None:
            return
        future = registry.refinements.get(Refinements.key(sid, turn_id), "ui")
        try:
            outcome = (future.result(timeout=wait_limit_s(settings.llm.timeout_s)) if future
                       else RefineOutcome("failed", fallbacks=["phase2:expired"]))
        except FutureTimeout:
            outcome = RefineOutcome("failed", fallbacks=["phase2:timeout"])
        if outcome.status == "stale":  # a newer message took over: leave the screen to it
            return
        if outcome.result is None or outcome.session is None:
            yield ("", history, sid, cards_of(result), *panel(session),
                   phase_html("kept", "(the language model did not improve it)"))
            return
        refined = outcome.result
        history = [*history[:-1], {"role": "assistant", "content": refined.reply}]
        kept = f"({refined.reasons.kept} of {len(refined.recommendations)} reasons its own)"
        yield ("", history, sid, cards_of(refined), *panel(outcome.session),
               phase_html("refined", kept))

    def feedback(item_id: int, signal: str, session_id, catalog):
        def apply(current: Session, where: SessionStore) -> None:
            registry.get(catalog).apply_feedback(current, item_id, signal)
            where.save_feedback(current, item_id, signal)  # stored before the panel changes

        sid = ensure(session_id, catalog).session_id
        session, _ = registry.update(sid, lambda: (ensure(sid, catalog), store), apply)
        return (session.session_id, *panel(session))

    def remove(entry, session_id, catalog):
        session = ensure(session_id, catalog)
        if entry:
            field, _, value = entry.partition("=")

            def drop(current: Session, where: SessionStore) -> None:
                try:
                    registry.get(catalog).remove_preference(current, field, value)
                except LookupError:
                    return  # gone already (another tab): the panel below shows what is held
                where.save(current)

            sid = session.session_id
            session, _ = registry.update(sid, lambda: (ensure(sid, catalog), store), drop)
        return (session.session_id, *panel(session))

    def switch(catalog):
        return ([], None, [], "<i>Nothing yet.</i>", gr.update(choices=[], value=None),
                gr.update(samples=[[e] for e in EXAMPLES[catalog]]), phase_html(""))

    with gr.Blocks(title="because-rec") as blocks:
        gr.Markdown("## because-rec — recommendations that say *because you liked …*")
        session_id = gr.State(None)
        cards = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                catalog = gr.Radio([(v, k) for k, v in CATALOG_LABELS.items()],
                                   value="movies", label="Catalogue", elem_id="catalog")
                chat = gr.Chatbot(label="Chat", height=380, elem_id="chat")
                with gr.Row():
                    box = gr.Textbox(placeholder="Tell me what you liked…", show_label=False,
                                     scale=5, elem_id="message", max_lines=4)
                    send_button = gr.Button("Send", variant="primary", scale=1,
                                            elem_id="send")
                examples = gr.Dataset(components=[box], samples=[[e] for e in
                                                                 EXAMPLES["movies"]],
                                      label="Examples")
            with gr.Column(scale=2):
                gr.Markdown("### What I understood")
                understood = gr.HTML("<i>Nothing yet.</i>", elem_id="understood")
                with gr.Row():
                    entry = gr.Dropdown(choices=[], label="Remove an entry", scale=3,
                                        elem_id="remove-entry")
                    remove_button = gr.Button("Remove", scale=1, elem_id="remove")
                gr.Markdown("### Recommendations")
                phase = gr.HTML(phase_html(""), elem_id="phase")

                @gr.render(inputs=[cards, catalog])
                def show_cards(card_list, catalog_name):
                    if not card_list:
                        gr.Markdown("*Ask for something to see recommendations.*")
                    for card in card_list:
                        with gr.Group():
                            gr.HTML(card["html"])
                            with gr.Row():
                                like = gr.Button("Like", size="sm",
                                                 elem_classes=["like-button"])
                                dislike = gr.Button("Dislike", size="sm",
                                                    elem_classes=["dislike-button"])
                            item = card["item_id"]
                            like.click(lambda sid, c, item=item: feedback(item, "like", sid, c),
                                       [session_id, catalog], [session_id, understood, entry])
                            dislike.click(lambda sid, c, item=item: feedback(item, "dislike",
                                                                              sid, c),
                                          [session_id, catalog], [session_id, understood, entry])

        outputs = [box, chat, session_id, cards, understood, entry, phase]
        # no concurrency limit: a person's turn must not queue behind another's phase 2
        # (phase 1 is bounded by the registry's turn slots, phase 2 by its own pool)
        send_button.click(send, [box, chat, session_id, catalog], outputs,
                          concurrency_limit=None)
        box.submit(send, [box, chat, session_id, catalog], outputs, concurrency_limit=None)
        examples.click(lambda sample: sample[0], [examples], [box])
        remove_button.click(remove, [entry, session_id, catalog], [session_id, understood, entry])
        catalog.change(switch, [catalog], [chat, session_id, cards, understood, entry, examples,
                                           phase])
    return blocks
