# Inheritance, super() and class attributes.
class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        raise NotImplementedError

    def describe(self):
        return f"{self.name} with area {self.area():.2f}"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"

class Rectangle(Shape):
    def __init__(self, w, h):
        super().__init__("rectangle")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"

class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2

shapes = [Rectangle(2, 3), Square(4), Circle(1)]
for shape in shapes:
    print(shape.describe())
print(shapes, Shape.count)
print(isinstance(shapes[1], Rectangle), isinstance(shapes[2], Rectangle), type(shapes[1]).__name__)
try:
    Shape("x").area()
except NotImplementedError:
    print("abstract area")
