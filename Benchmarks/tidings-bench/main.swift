import TidingsModel
print("bench")
