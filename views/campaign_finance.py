import streamlit as st

import ui
from observer import finance

inputs = ui.page_inputs("common.page_finance")
pkg, L = inputs.pkg, inputs.L

facts = inputs.facts
money = pkg.table("finance")
candidates = pkg.table("candidates")


# Currency switch: the package's own currency, and euro where the package gives the rate (with its source).
rate_fact = finance.fact(facts, finance.RATE)
rate = inputs.rate
options = finance.currencies(facts, inputs.currency)
currency = options[0]
if len(options) > 1 and money is not None and not money.empty:
    ui.link_state("currency", "finance_currency", options, options[0])  # ?currency=EUR in a shared link
    controls, rate_box = st.columns([2, 3], vertical_alignment="bottom")
    with controls:
        currency = st.segmented_control(L("finance.currency"), options, required=True, key="finance_currency",
                                        format_func=L.currency_label)
    currency = currency if currency in options else options[0]
    if rate_fact is not None and rate:
        with rate_box:  # one caption: the rate, what it means and where it is published
            st.caption(f"**{L.rate(rate, inputs.currency)}** · {L('finance.rate_note')} "
                       f"{ui.plain(L.source(rate_fact.source))}")

if money is None or money.empty:
    ui.missing_table(L, "finance.csv")
else:
    # The page's key finding first: the chart's title states it, so no heading above it; the date of the
    # figures and the statement's own caveats follow it.
    ui.draw(inputs, "finance-raised-spent", currency=currency)
    # What the figures are, and are not: visible text, not a tooltip; under the chart, so the chart and its
    # finding fill the first screen.
    as_of = finance.as_of(money)
    end = facts.get("campaign_end")
    days = finance.days_before(as_of, end.date if end else None)
    if as_of is not None:
        if days is not None and days > 0:
            st.warning(L("finance.as_of", date=L.date(as_of), days=L.number(days), end=L.date(end.date)),
                       icon=":material/event:")
        elif days is not None:
            st.warning(L("finance.as_of_after", date=L.date(as_of), end=L.date(end.date)), icon=":material/event:")
        else:
            st.warning(L("finance.as_of_only", date=L.date(as_of)), icon=":material/event:")
    with st.container(horizontal=True):
        ui.notes(pkg, "finance", L)

    if inputs.caps.ceiling:
        st.header(L("finance.section_ceiling"), divider="gray")
        ui.draw(inputs, "finance-ceiling-share", currency=currency)

    if candidates is None:
        ui.missing_table(L, "candidates.csv")
    else:
        st.header(L("finance.section_per_candidate"), divider="gray")
        st.caption(L("finance.per_candidate_note"))
        ui.draw(inputs, "finance-spent-per-candidate", currency=currency)

deposit = finance.fact(facts, finance.DEPOSIT)
if candidates is not None and deposit is not None and deposit.value:
    st.header(L("finance.section_deposits"), divider="gray")
    st.caption(L("finance.deposit_note", per=deposit.display(L)))
    ui.draw(inputs, "finance-deposits", currency=currency)

# Context: figures the statement gives alongside the accounts, kept apart from them.
context_rows = [("charity_fund_kzt", "charity_fund_families"),
                ("paid_canvassers_nur_otan", "canvasser_pay_min_kzt", "canvasser_pay_max_kzt")]
context_rows = [[f for f in (facts.get(i) for i in row) if f is not None] for row in context_rows]
if any(context_rows):
    with st.container(border=True):
        st.subheader(L("finance.context_heading"))
        st.caption(L("finance.context_intro"))
        for row in context_rows:
            if not row:
                continue
            # Label, figure and source each in their own row of columns, so the figures line up.
            for column, fact in zip(st.columns(len(row), vertical_alignment="bottom"), row):
                column.markdown(ui.plain(fact.label(L)))
            for column, fact in zip(st.columns(len(row)), row):
                # A subheader, not st.metric: a metric cuts a long figure ("about 15 000") to fit its column.
                column.subheader(fact.display(L), anchor=False)
            for column, fact in zip(st.columns(len(row)), row):
                ui.source_caption(L, fact.source, column)
