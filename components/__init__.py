"""Reusable Streamlit pieces and figure builders; pages compose these, gfmd computes."""
