"""schemathesis hooks for tests/schemathesis.rs.

The OpenAPI document states every rule of the server's language that JSON Schema can state. One
it cannot: a v2 input's data holds shape[0] x shape[1] numbers (a rule across two fields). For
the requests schemathesis generates as valid, this hook makes shape[0] agree with the data it
generated (padding flat data to whole rows); requests generated as invalid are left alone, so
the server must still reject every one of them. It runs just before each request is sent
(`before_call`), so it applies in every phase; schemathesis then re-checks the case against
the schema.
"""

import schemathesis


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    if not case.operation.path.endswith("/infer") or not isinstance(case.body, dict):
        return
    for tensor in case.body.get("inputs") or []:
        shape, data = tensor.get("shape"), tensor.get("data")
        if not (isinstance(shape, list) and len(shape) == 2 and isinstance(data, list) and data):
            continue
        features = shape[1]
        if not isinstance(features, int) or features < 1:
            continue
        if all(isinstance(row, list) for row in data):
            shape[0] = len(data)
        else:
            data.extend([0.0] * (-len(data) % features))
            shape[0] = len(data) // features
