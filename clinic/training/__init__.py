"""Practice mode: mock consultations with a scripted, fictional survivor, and a debrief.

`scenario` reads and checks the scenario files (`protocols/scenarios/<id>/<locale>.toml`),
`goals` judges a trainee's session record against a scenario's learning goals.
"""
