import math
print(math.pi, math.e, math.tau, math.inf, math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.trunc(-2.5))
print(math.factorial(10), math.gcd(12, 18), math.lcm(4, 6), math.isqrt(99), math.prod([1, 2, 3, 4]))
print(round(math.log(100, 10), 6), math.log2(8), math.log10(1000), round(math.sin(math.pi / 2), 3), math.hypot(3, 4))
print(math.isclose(0.1 + 0.2, 0.3), math.isnan(float("nan")), math.fabs(-3), math.pow(2, 10), math.exp(0))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
print(math.degrees(math.pi), math.radians(180), math.floor(5), math.fsum([0.1] * 10))

# More of the module, rounded where the platform's C library may differ in the last digit.
for name in ["asin", "acos", "sinh", "cosh", "tanh", "asinh", "atanh", "exp2", "expm1", "log1p"]:
    results = []
    for x in [-2, -0.5, 0, 0.5, 2.5]:
        try:
            results.append(round(getattr(math, name)(x), 9))
        except ValueError as error:
            results.append(str(error))
    print(name, results)
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7.5, -2), math.modf(3.75), math.modf(-2.5))
print(math.frexp(8), math.frexp(0.1), math.frexp(-3), math.frexp(0), math.ldexp(0.5, 4), math.ldexp(3, -2))
for attempt in [lambda: math.fmod(1, 0), lambda: math.ldexp(1, 5000)]:
    try:
        attempt()
    except (ValueError, OverflowError) as error:
        print(type(error).__name__, error)
