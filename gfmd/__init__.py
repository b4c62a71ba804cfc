"""GFMD participation data: model, loading, validation, tables, exports and briefings.

Plain Python with no Streamlit import, so the CLI, the tests and the app share one domain.
"""
