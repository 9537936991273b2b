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
