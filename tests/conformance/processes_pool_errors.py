# A worker's exception comes back to the parent: map, apply and get() raise it there.
import multiprocessing


class ValidationError(Exception):
    pass


def validate(age):
    if age < 0:
        raise ValidationError(f"age {age} is negative")
    if age > 150:
        raise ValueError(f"age {age} is implausible")
    return f"age {age} ok"


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(validate, [1, 30, 99]))
        try:
            pool.map(validate, [10, -4, 20])
        except ValidationError as error:
            print("map raised ValidationError:", error)
        try:
            pool.apply(validate, (200,))
        except ValueError as error:
            print("apply raised ValueError:", error)
        result = pool.apply_async(validate, (-1,))
        result.wait()
        print("successful:", result.successful())
        try:
            result.get()
        except ValidationError as error:
            print("get raised", type(error).__name__, "-", error)
        try:
            list(pool.imap(validate, [5, 500]))
        except ValueError as error:
            print("imap raised:", error)
        print("pool still works:", pool.apply(validate, (42,)))

    pool = multiprocessing.Pool(2)
    pool.close()
    try:
        pool.apply_async(validate, (1,))
    except ValueError as error:
        print("after close:", error)
    pool.join()
    fresh = multiprocessing.Pool(1)
    try:
        fresh.join()
    except ValueError as error:
        print("join before close:", error)
    fresh.terminate()
    fresh.join()
    print("terminated and joined")
