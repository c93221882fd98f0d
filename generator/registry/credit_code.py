"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a mod-31 check character."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None when valid, else what is wrong and what to do, in Chinese."""
    if len(code) != 18:
        return f"“{code}”有 {len(code)} 位：应为 18 位，请按营业执照或登记证书核对"
    bad = [c for c in code if c not in ALPHABET]
    if bad:
        return f"“{code}”含有不允许的字符“{bad[0]}”：只能用数字和除 I、O、Z、S、V 以外的大写字母"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"“{code}”的校验码不对：按前 17 位计算，最后一位应为 {expected}，请核对是否抄错"
    return None


def complete(first17: str) -> str:
    """A valid code from its first 17 characters (for samples and synthetic registries)."""
    return first17 + check_character(first17)
