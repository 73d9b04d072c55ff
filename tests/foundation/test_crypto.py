import base64

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.test import override_settings

from sixia.core import crypto
from sixia.core.personal import seal_id_number, seal_phone

ID = "11010519491231002X"


def test_it_round_trips_and_never_stores_clear_text():
    token = crypto.encrypt(ID)
    assert ID not in token
    assert crypto.decrypt(token) == ID
    assert crypto.encrypt(ID) != token  # fresh nonce each time


def test_blind_index_is_deterministic_and_keyed():
    a = seal_phone("13812345678")
    b = seal_phone("138-1234-5678")
    assert a.index == b.index and a.token != b.token
    assert a.masked == "138****5678"
    with override_settings(FIELD_KEY="another-key"):
        assert seal_phone("13812345678").index != a.index


def test_it_detects_tampering_and_wrong_keys():
    token = crypto.encrypt(ID)
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered)
    with override_settings(FIELD_KEY="another-key"), pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_sm4_option_round_trips():
    with override_settings(FIELD_CIPHER="sm4"):
        token = crypto.encrypt(ID)
        assert token.startswith("v1:sm4-gcm:")
        assert crypto.decrypt(token) == ID
    assert crypto.decrypt(token) == ID  # readable after switching back: the algorithm travels with the token


def test_sm3_matches_the_standard_vector():
    # GB/T 32905-2016 example 1: SM3("abc")
    assert crypto.sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_empty_values_seal_to_nothing():
    assert seal_id_number("").token == "" and seal_phone(None).index == ""


# Written by the gmssl-based SM4-CTR + SM3-tag code (before 2026-12) under LEGACY_KEY: still readable.
LEGACY_KEY = "legacy-vector-field-key-0123456789abcdef"
LEGACY_TOKENS = {
    "v1:sm4:aB3HILhpJbuHbf02hEjqEeRahcDpnJYysyEO/nKwlpa6pyTpek+xJtuFZOc3sA==": ID,
    "v1:sm4:sd/EOsY9MHVlokXXEMVfgIX30YYkKCyANANAhwn3/8qrzAXaxrvfHQ+W2KKslurtj97rgoy8U3Cu907C2aqEI18JFNI=": "1" * 40,
}


def test_legacy_sm4_tokens_still_decrypt():
    for token, clear in LEGACY_TOKENS.items():
        assert crypto.decrypt(token, key=LEGACY_KEY) == clear
    token = next(iter(LEGACY_TOKENS))
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token[:-6] + "AAAA==", key=LEGACY_KEY)  # the SM3 tag is still checked
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, key=LEGACY_KEY + "x")


def test_sm4_gcm_is_the_standard_mode_and_detects_tampering():
    with override_settings(FIELD_CIPHER="sm4"):
        token = crypto.encrypt(ID)
    raw = base64.b64decode(token.split(":", 2)[2])
    nonce, sealed = raw[:12], raw[12:]
    key = crypto.keyring(settings.FIELD_KEY).sm4
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, sealed[-16:])).decryptor()
    assert decryptor.update(sealed[:-16]) + decryptor.finalize() == ID.encode()
    flipped = base64.b64encode(nonce + bytes([sealed[0] ^ 1]) + sealed[1:]).decode()
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"v1:sm4-gcm:{flipped}")


def test_hmac_sm3_blind_index_is_a_deployment_setting():
    sha = crypto.blind_index("phone:13812345678")
    with override_settings(BLIND_INDEX="hmac-sm3"):
        sm3 = crypto.blind_index("phone:13812345678")
    assert sm3 != sha and len(sm3) == len(sha) == 32
    mac = hmac.HMAC(crypto.keyring(settings.FIELD_KEY).index, hashes.SM3())
    mac.update(b"phone:13812345678")
    assert sm3 == mac.finalize().hex()[:32]


def test_the_old_key_reads_tokens_not_yet_rotated():
    old = crypto.encrypt(ID, key="the-previous-field-key-0123456789abcdef")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old)
    with override_settings(FIELD_KEY_OLD="the-previous-field-key-0123456789abcdef"):
        assert crypto.decrypt(old) == ID
