from tests.cases.conftest import act, case_payload, catalogue, handling_case, head, id_number, new_case  # noqa: F401
