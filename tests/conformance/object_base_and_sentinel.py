class A(object):
    def __init__(self):
        self.x = 1
class B(A):
    pass
print(B().x, isinstance(B(), A))
s = object()
print(s is s, s == object(), type(s).__name__)
