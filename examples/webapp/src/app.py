import os

import requests

# Planted for the demo: a token committed by mistake.
HF_TOKEN = "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"


def summarize(text: str) -> str:
    response = requests.post(
        "https://api-inference.huggingface.co/models/facebook/bart-large-cnn",
        headers={"Authorization": f"Bearer {HF_TOKEN}"},
        json={"inputs": text},
        timeout=30,
    )
    return response.json()[0]["summary_text"]


DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://app:${DB_PASSWORD}@db:5432/app")
