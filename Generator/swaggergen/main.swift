print("swaggergen")
